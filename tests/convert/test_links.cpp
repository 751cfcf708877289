// Link resolution pieces: legacy URLs per source kind, href locators, the target scheme and regex escaping.
#include <gtest/gtest.h>

#include <regex>

#include "convert/links/legacy_urls.hpp"
#include "convert/links/rewrite_rules.hpp"
#include "convert/links/target_scheme.hpp"
#include "core/error.hpp"

namespace baton::convert {

namespace {

bool whole_match(const std::string& pattern, const std::string& subject) {
    return std::regex_match(subject, std::regex(pattern, std::regex::ECMAScript));
}

std::vector<std::string> encoded_urls(const LegacySite& site, const LegacyItem& item) {
    std::vector<std::string> out;
    for (const auto& url : legacy_urls(site, item)) out.push_back(url.encoded());
    return out;
}

}  // namespace

TEST(RegexLiteral, MatchesExactlyTheBytesItWasMadeFrom) {
    const std::vector<std::string> paths = {
        "/2019/01/14/hello-world/", "/a.b/c+d/(e)/[f]/{g}/^h$/i|j/k?l*m", "/with space/and\"quote'/",
        "/back\\slash/dollar$sign/percent%25/hash#/semi;colon", "/caf\xC3\xA9/\xE6\x97\xA5\xE6\x9C\xAC",
        "/tab\there/nul-less/ctrl\x01", "/..//./"};
    for (const auto& path : paths) {
        const std::string pattern = regex_literal(path);
        EXPECT_TRUE(whole_match(pattern, path)) << path << " -> " << pattern;
        // Each metacharacter is literal: a changed byte anywhere no longer matches.
        for (std::size_t i = 0; i < path.size(); ++i) {
            std::string changed = path;
            changed[i] = changed[i] == 'x' ? 'y' : 'x';
            EXPECT_FALSE(whole_match(pattern, changed)) << pattern << " matched " << changed;
        }
        // Nothing a config parser would read as the end of a quoted argument or a statement.
        EXPECT_EQ(pattern.find_first_of("\"' \t;$#%\n"), std::string::npos) << pattern;
        EXPECT_EQ(pattern.find("\\\\"), std::string::npos) << pattern;
    }
    EXPECT_EQ(regex_literal("/a.b+c"), "/a\\.b\\+c");
    EXPECT_EQ(regex_literal("/$ x"), "/\\x24\\x20x");
}

TEST(RegexLiteral, QueryValuesMatchTheirPercentEncodedForms) {
    const std::string pattern = query_value_regex("wiki:start page");
    EXPECT_TRUE(whole_match(pattern, "wiki:start page"));
    EXPECT_TRUE(whole_match(pattern, "wiki%3Astart%20page"));
    EXPECT_TRUE(whole_match(pattern, "wiki%3astart+page"));
    EXPECT_FALSE(whole_match(pattern, "wikiXstart page"));
    EXPECT_FALSE(whole_match(pattern, "wiki%3Bstart page"));
    EXPECT_TRUE(whole_match(query_value_regex("57"), "57"));
    EXPECT_FALSE(whole_match(query_value_regex("57"), "570"));
}

TEST(RewriteRules, NginxAndApacheRulesCarryTheEscapedPathAndTheTarget) {
    const LegacyUrl path{"/a.b/(c)/", "", ""};
    EXPECT_EQ(nginx_rule(path, "https://new.example/c/x/y"),
              "rewrite \"^/a\\.b/\\(c\\)/?$\" \"https://new.example/c/x/y?\" permanent;\n");
    EXPECT_EQ(apache_rule(path, "https://new.example/c/x/y"),
              "RewriteRule \"^/?a\\.b/\\(c\\)/?$\" \"https://new.example/c/x/y\" [R=301,L,NE,QSD]\n");
    const LegacyUrl query{"/doku.php", "id", "wiki:start"};
    EXPECT_EQ(nginx_rule(query, "/c/w/start"),
              "if ($request_uri ~ \"^/doku\\.php\\?(?:[^#]*&)?id=wiki(?::|%3[aA])start(?:[&#]|$)\") "
              "{ return 301 \"/c/w/start\"; }\n");
    EXPECT_EQ(apache_rule(query, "/c/w/start"),
              "RewriteCond \"%{QUERY_STRING}\" \"(?:^|&)id=wiki(?::|%3[aA])start(?:&|$)\"\n"
              "RewriteRule \"^/?doku\\.php/?$\" \"/c/w/start\" [R=301,L,NE,QSD]\n");
}

TEST(RewriteRules, PercentEscapesOfASuppliedTargetAreNotApacheBackReferences) {
    const LegacyUrl query{"/", "p", "2"};
    EXPECT_EQ(apache_rule(query, "http://r.example/projects/p/wiki/Beta%21"),
              "RewriteCond \"%{QUERY_STRING}\" \"(?:^|&)p=2(?:&|$)\"\n"
              "RewriteRule \"^/?$\" \"http://r.example/projects/p/wiki/Beta\\%21\" [R=301,L,NE,QSD]\n");
    EXPECT_EQ(nginx_rule(LegacyUrl{"/beta/", "", ""}, "http://r.example/projects/p/wiki/Beta%21"),
              "rewrite \"^/beta/?$\" \"http://r.example/projects/p/wiki/Beta%21?\" permanent;\n");
}

TEST(TargetScheme, ItemUrlsSuppliedByTheTargetReplaceThePattern) {
    TargetScheme scheme;
    scheme.base_url = "https://collab.example.com";
    EXPECT_EQ(scheme.url(7, "hr", "leave-policy"), "https://collab.example.com/c/hr/leave-policy");
    scheme.item_url = [](std::int64_t item_id) {
        return item_id == 7 ? std::string("http://r.example/projects/hr/wiki/Leave_policy") : std::string();
    };
    EXPECT_EQ(scheme.url(7, "hr", "leave-policy"), "http://r.example/projects/hr/wiki/Leave_policy");
    EXPECT_EQ(scheme.url(8, "hr", "other"), "");
}

TEST(TargetScheme, ExpandsAndRefusesWhatARuleCouldNotCarry) {
    TargetScheme scheme;
    scheme.base_url = "https://collab.example.com";
    EXPECT_NO_THROW(scheme.validate());
    EXPECT_EQ(scheme.url("hr", "leave-policy"), "https://collab.example.com/c/hr/leave-policy");
    scheme.path_pattern = "/spaces/{community}/pages/{slug}";
    EXPECT_EQ(scheme.url("it", "vpn"), "https://collab.example.com/spaces/it/pages/vpn");
    for (const std::string bad : {"collab.example.com", "ftp://x", "https://", "https://x/", "https://x/a b",
                                  "https://x/$y", "https://x/\"", "https:///path"}) {
        TargetScheme wrong;
        wrong.base_url = bad;
        EXPECT_THROW(wrong.validate(), UsageError) << bad;
    }
    for (const std::string bad : {"c/{slug}", "/c/{community}", "/c/{slug}?x=1", "/c/{slug} x", "/c/%7B{slug}"}) {
        TargetScheme wrong;
        wrong.path_pattern = bad;
        EXPECT_THROW(wrong.validate(), UsageError) << bad;
    }
}

TEST(LegacyUrls, WordPressPermalinksAndIdLinks) {
    const LegacySite site = make_legacy_site(1, "wxr", "https://intranet.acme.example");
    LegacyItem page{"post:15", "page", "HR Policies", "https://intranet.acme.example/hr-policies/", "", ""};
    EXPECT_EQ(encoded_urls(site, page),
              (std::vector<std::string>{"/hr-policies/", "/?p=15", "/?page_id=15"}));
    LegacyItem file{"post:40", "attachment", "Logo", "https://intranet.acme.example/?attachment_id=40", "",
                    "https://intranet.acme.example/wp-content/uploads/2019/01/logo%20big.png"};
    EXPECT_EQ(encoded_urls(site, file),
              (std::vector<std::string>{"/?attachment_id=40", "/?p=40", "/wp-content/uploads/2019/01/logo%20big.png"}));
    EXPECT_EQ(legacy_urls(site, file)[2].locator(), "/wp-content/uploads/2019/01/logo big.png");
}

TEST(LegacyUrls, WikiConfluenceAndStaticSites) {
    const LegacySite wiki = make_legacy_site(2, "mediawiki", "http://wiki.example/index.php/Main_Page");
    EXPECT_EQ(wiki.article_prefix, "/index.php/");
    EXPECT_EQ(encoded_urls(wiki, {"page:4", "page", "Leave policy (2024)", "", "", ""}),
              (std::vector<std::string>{"/index.php/Leave_policy_(2024)", "/index.php?title=Leave_policy_%282024%29"}));
    const LegacySite short_urls = make_legacy_site(2, "mediawiki", "https://en.wikipedia.org/wiki/Main_Page");
    EXPECT_EQ(encoded_urls(short_urls, {"page:4", "page", "Caf\xC3\xA9", "", "", ""}),
              (std::vector<std::string>{"/wiki/Caf%C3%A9"}));
    const LegacySite doku = make_legacy_site(3, "dokuwiki", "");
    EXPECT_EQ(encoded_urls(doku, {"page:wiki:syntax", "page", "Syntax", "", "", ""}),
              (std::vector<std::string>{"/doku.php?id=wiki:syntax"}));
    const LegacySite confluence = make_legacy_site(4, "confluence", "");
    EXPECT_EQ(encoded_urls(confluence, {"page:98", "page", "Team Home", "", "ENG", ""}),
              (std::vector<std::string>{"/display/ENG/Team+Home", "/pages/viewpage.action?pageId=98"}));
    const LegacySite html = make_legacy_site(5, "html", "");
    EXPECT_EQ(encoded_urls(html, {"page:hr/index.html", "page", "HR", "hr/index.html", "", ""}),
              (std::vector<std::string>{"/hr/index.html", "/hr/"}));
    EXPECT_EQ(legacy_urls(html, {"page:hr/index.html", "page", "HR", "hr/index.html", "", ""})[1].locator(), "/hr");
}

TEST(HrefLocator, SameSiteLinksOnlyResolvedAgainstThePage) {
    const LegacySite site = make_legacy_site(1, "wxr", "https://intranet.acme.example");
    const std::optional<LegacyUrl> page = LegacyUrl{"/hr-policies/employee-handbook/", "", ""};
    EXPECT_EQ(href_locator(site, "https://intranet.acme.example/about/", page), "/about");
    EXPECT_EQ(href_locator(site, "http://www.intranet.acme.example/about/#team", page), "/about");
    EXPECT_EQ(href_locator(site, "HTTPS://Intranet.Acme.Example:443/?p=57&utm=x", page), "?p=57");
    EXPECT_EQ(href_locator(site, "/index.php?page_id=17", page), "?page_id=17");
    EXPECT_EQ(href_locator(site, "?p=3", page), "?p=3");
    EXPECT_EQ(href_locator(site, "../../about/", page), "/about");
    EXPECT_EQ(href_locator(site, "leave/", page), "/hr-policies/employee-handbook/leave");
    EXPECT_EQ(href_locator(site, "/caf%C3%A9/", page), "/caf\xC3\xA9");
    EXPECT_FALSE(href_locator(site, "https://help.acme.example/", page));
    EXPECT_FALSE(href_locator(site, "mailto:people@acme.example", page));
    EXPECT_FALSE(href_locator(site, "#top", page));
    EXPECT_FALSE(href_locator(site, "", page));
    const LegacySite html = make_legacy_site(5, "html", "");
    const std::optional<LegacyUrl> html_page = LegacyUrl{"/hr/policies/leave.html", "", ""};
    EXPECT_EQ(href_locator(html, "../index.html", html_page), "/hr/index.html");
    EXPECT_EQ(href_locator(html, "sick%20leave.html", html_page), "/hr/policies/sick leave.html");
    EXPECT_FALSE(href_locator(html, "http://elsewhere.example/x.html", html_page));  // no host known: not ours
    const LegacySite doku = make_legacy_site(3, "dokuwiki", "");
    EXPECT_EQ(href_locator(doku, "/doku.php?id=Wiki%3ASyntax", std::nullopt), "?id=wiki:syntax");
}

}  // namespace baton::convert
