// A Confluence fixture extracted into a fresh workspace, with the counting helpers the Confluence tests share.
#pragma once

#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace baton::test {

inline std::string confluence_fixture(const std::string& name) { return fixture("confluence/" + name); }

struct ExtractedConfluence {
    explicit ExtractedConfluence(const std::string& path) : source(extract_source(workspace, "confluence", path)) {}

    std::int64_t count(const std::string& sql) { return query_int(workspace, sql); }
    std::string text(const std::string& sql) { return query_text(workspace, sql); }
    std::int64_t items(const std::string& kind) {
        return count("SELECT count(*) FROM items WHERE kind = '" + kind + "'");
    }
    std::int64_t items(const std::string& kind, const std::string& status) {
        return count("SELECT count(*) FROM items WHERE kind = '" + kind + "' AND status = '" + status + "'");
    }
    // Revisions of every item of `kind`: current and historical versions together.
    std::int64_t revisions(const std::string& kind) {
        return count("SELECT count(*) FROM revisions r JOIN items i ON i.id = r.item_id WHERE i.kind = '" + kind + "'");
    }
    std::int64_t revisions_of(const std::string& item_key) {
        return count("SELECT count(*) FROM revisions WHERE item_id = (SELECT id FROM items WHERE key = '" + item_key +
                     "')");
    }
    std::int64_t declared_people() { return count("SELECT count(*) FROM people WHERE declared = 1"); }
    std::int64_t containers(const std::string& kind) {
        return count("SELECT count(*) FROM containers WHERE kind = '" + kind + "' AND declared = 1");
    }
    // Attribute values named `name` on containers / people / items, over the whole source.
    std::int64_t attributes(const std::string& table, const std::string& name) {
        return count("SELECT count(*) FROM " + table + " t, json_each(t.attributes) j WHERE json_extract(j.value, "
                     "'$[0]') = '" + name + "'");
    }
    std::int64_t messages(const std::string& code) {
        return count("SELECT count(*) FROM messages WHERE code = '" + code + "'");
    }
    std::vector<std::string> column(const std::string& sql) {
        auto statement = workspace.db().prepare(sql);
        std::vector<std::string> values;
        while (statement.step()) values.push_back(statement.column_text(0));
        return values;
    }

    TempDir dir;
    workspace::Workspace workspace{dir.file("w.db"), workspace::Access::create};
    std::int64_t source;
};

}  // namespace baton::test
