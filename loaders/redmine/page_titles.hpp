// Where every page of a Redmine load lives: wiki titles and URLs decided for the whole plan before any page is written.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "convert/links/target_scheme.hpp"
#include "core/sqlite.hpp"

namespace baton::load::redmine {

// Fills the temporary table redmine_titles(item_id, community_id, identifier, title, url) of `db` for every item
// plan `plan_run` migrates as a wiki page (not comments, not attachments), in item-id order: the project identifier
// of its community and its wiki title, with the collision rules of docs/targets/redmine.md (a second item of a
// community with the same title, or one whose wiki title a page of another item already holds in `target`'s id map
// or earlier in this pass, gets its item key appended). Migrated attachments get a row too, with no title: the URL of
// their item's page, or of their project's Files when they belong to no item (none when their item is not migrated).
// `base_url`: Redmine as users reach it (no trailing slash). Deterministic: the same plan and id map give the same
// titles, whatever subset a load then writes.
void assign_page_titles(sql::Database& db, std::int64_t plan_run, const std::string& target,
                        const std::string& base_url);

// BASE/projects/IDENTIFIER/wiki/TITLE, the title percent-encoded (all but letters, digits and -._~ as %HH).
[[nodiscard]] std::string wiki_page_url(std::string_view base_url, std::string_view identifier, std::string_view title);

// The URL scheme of a Redmine target for convert::LinkIndex: item_url reads redmine_titles (assign_page_titles
// first; `db` must outlive the scheme).
[[nodiscard]] convert::TargetScheme redmine_scheme(sql::Database& db);

}  // namespace baton::load::redmine
