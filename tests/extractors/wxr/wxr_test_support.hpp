// A WXR fixture extracted into a fresh workspace, with the counting helpers the WXR tests share.
#pragma once

#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace baton::test {

struct ExtractedWxr {
    explicit ExtractedWxr(const std::string& fixture_name) : source(extract_wxr(workspace, wxr_fixture(fixture_name))) {}

    std::int64_t count(const std::string& where) {
        return query_int(workspace, "SELECT count(*) FROM items WHERE removed_run IS NULL AND " + where);
    }
    std::int64_t items(const std::string& kind) { return count("kind = '" + kind + "'"); }
    std::int64_t items(const std::string& kind, const std::string& status) {
        return count("kind = '" + kind + "' AND status = '" + status + "'");
    }
    std::int64_t containers(const std::string& kind, bool declared_only = true) {
        return query_int(workspace, "SELECT count(*) FROM containers WHERE kind = '" + kind + "'" +
                                        (declared_only ? " AND declared = 1" : ""));
    }
    std::int64_t authors() { return query_int(workspace, "SELECT count(*) FROM people WHERE key LIKE 'login:%'"); }
    // Postmeta, termmeta or commentmeta entries ("meta:" attributes) on items of `where`.
    std::int64_t meta_on_items(const std::string& where) {
        return query_int(workspace, "SELECT count(*) FROM items i, json_each(i.attributes) j WHERE "
                                    "json_extract(j.value, '$[0]') LIKE 'meta:%' AND " + where);
    }
    std::string text(const std::string& sql) { return query_text(workspace, sql); }
    std::int64_t query_int_helper(const std::string& sql) { return query_int(workspace, sql); }
    // Container keys of an item in source order.
    std::vector<std::string> containers_of(const std::string& item_where) {
        auto statement = workspace.db().prepare(
            "SELECT c.key FROM item_containers ic JOIN containers c ON c.id = ic.container_id WHERE ic.item_id = "
            "(SELECT id FROM items WHERE " + item_where + ") ORDER BY ic.position");
        std::vector<std::string> keys;
        while (statement.step()) keys.push_back(statement.column_text(0));
        return keys;
    }
    // The n-th item (0-based) in document order, excluding comments.
    std::string nth_item_key(int n) {
        return query_text(workspace, "SELECT key FROM items WHERE kind <> 'comment' ORDER BY source_line LIMIT 1 OFFSET " +
                                         std::to_string(n));
    }

    TempDir dir;
    workspace::Workspace workspace{dir.file("w.db"), workspace::Access::create};
    std::int64_t source;
};

// A person's attribute (e.g. "author_id"), "" when absent.
inline std::string item_attribute_of_person(ExtractedWxr& wxr, const std::string& key, const std::string& name) {
    return wxr.text("SELECT coalesce((SELECT json_extract(j.value, '$[1]') FROM people p, json_each(p.attributes) j "
                    "WHERE p.key = '" + key + "' AND json_extract(j.value, '$[0]') = '" + name + "'), '')");
}

// The bytes between `open` and `close` at their first occurrence in the fixture file itself:
// an oracle that does not go through any XML parser.
inline std::string raw_between(const std::string& fixture_name, const std::string& open, const std::string& close) {
    const std::string content = read_file(wxr_fixture(fixture_name));
    const auto begin = content.find(open);
    if (begin == std::string::npos) return {};
    const auto end = content.find(close, begin + open.size());
    return content.substr(begin + open.size(), end - begin - open.size());
}

}  // namespace baton::test
