# The peer of the MediaWiki benchmark: Debian's Perl dump parser (Parse::MediaWikiDump) reading every revision.
use strict;
use warnings;
use Parse::MediaWikiDump;

my $revisions = Parse::MediaWikiDump::Revisions->new($ARGV[0]);
my ($count, $text_bytes) = (0, 0);
while (defined(my $revision = $revisions->next)) {
    $count++;
    $text_bytes += length(${ $revision->text });
}
print "revisions $count, text $text_bytes characters\n";
