// The columns baton owns in each table of the SQLite target, and rows of them as values: hashes, JSON images.
#include "loaders/sqlite/platform_tables.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <stdexcept>

#include "core/text.hpp"

namespace baton::load::sqlite_target {

const std::vector<PlatformTable>& platform_tables() {
    static const std::vector<PlatformTable> tables = {
        {"community", "communities", {"slug", "name", "description"}, 3},
        {"user", "users", {"login", "display_name", "email"}, 3},
        {"membership", "memberships", {"community_id", "user_id", "role", "reason"}, 4},
        {"content",
         "content",
         {"community_id", "kind", "title", "status", "author_id", "parent_legacy_key", "body_format", "body",
          "created_at", "updated_at", "legacy_body_format", "legacy_body"},
         10,
         PlatformTable::SelfReference{"parent_id", "parent_legacy_key"}},
        {"comment",
         "comments",
         {"content_id", "author_id", "reply_to_legacy_key", "body", "status", "created_at", "body_format",
          "legacy_body_format", "legacy_body"},
         6,
         PlatformTable::SelfReference{"reply_to_id", "reply_to_legacy_key"}},
        {"task",
         "tasks",
         {"user_id", "community_id", "role", "position", "title", "description", "due_offset_days", "due_date"},
         7},
    };
    return tables;
}

const PlatformTable& platform_table(std::string_view object_kind) {
    for (const auto& table : platform_tables()) {
        if (object_kind == table.object_kind) return table;
    }
    throw std::invalid_argument("no platform table for object kind " + std::string(object_kind));
}

std::string hash_of(const PlatformTable& table, const Values& values) {
    text::Fingerprint print;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const Value& value = values[i];
        if (i >= table.always_hashed && std::holds_alternative<std::nullptr_t>(value)) continue;
        print.add(table.owned[i]);
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::nullptr_t>) print.add("\x01null");
                else if constexpr (std::is_same_v<T, std::int64_t>) print.add(std::to_string(v));
                else print.add(v);
            },
            value);
    }
    return print.hex();
}

Value column_value(const sql::Statement& statement, int index) {
    if (statement.column_is_null(index)) return nullptr;
    if (statement.column_is_integer(index)) return statement.column_int(index);
    return statement.column_text(index);
}

void bind_value(sql::Statement& statement, int index, const Value& value) {
    std::visit([&](const auto& v) { statement.bind(index, v); }, value);
}

std::string self_reference_id_sql(const PlatformTable& table, const std::string& key) {
    return "(SELECT r.id FROM " + std::string(table.name) + " r WHERE r.legacy_key = " + key + ")";
}

std::string resolve_self_reference_sql(const PlatformTable& table) {
    if (!table.self_reference) return {};
    const std::string name(table.name);
    const std::string id(table.self_reference->id_column);
    const std::string resolved =
        self_reference_id_sql(table, name + "." + std::string(table.self_reference->key_column));
    return "UPDATE " + name + " SET " + id + " = " + resolved + " WHERE " + id + " IS NOT " + resolved;
}

std::string owned_list(const PlatformTable& table) {
    std::string list;
    for (const auto column : table.owned) list += (list.empty() ? "" : ", ") + std::string(column);
    return list;
}

namespace {
std::vector<std::string> table_columns(sql::Database& db, std::string_view table) {
    std::vector<std::string> columns;
    auto info = db.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid");
    info.bind(1, table);
    while (info.step()) columns.push_back(info.column_text(0));
    return columns;
}
}  // namespace

RowImage::RowImage(sql::Database& db, std::string_view table)
    : m_columns(table_columns(db, table)),
      m_select(db.prepare("SELECT * FROM " + std::string(table) + " WHERE id = ?")) {}

std::string RowImage::json_of(std::int64_t id) {
    m_select.bind(1, id);
    std::string json;
    if (m_select.step()) {
        json = "{";
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            if (i > 0) json += ',';
            json += text::json_string(m_columns[i]) + ':';
            const Value value = column_value(m_select, static_cast<int>(i));
            if (std::holds_alternative<std::nullptr_t>(value)) json += "null";
            else if (const auto* number = std::get_if<std::int64_t>(&value)) json += std::to_string(*number);
            else json += text::json_string(std::get<std::string>(value));
        }
        json += '}';
    }
    m_select.reset();
    return json;
}

Values values_from_json(const std::string& json, const std::vector<std::string>& columns) {
    Poco::JSON::Parser parser;
    const auto object = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
    Values values;
    values.reserve(columns.size());
    for (const auto& column : columns) {
        if (!object->has(column) || object->isNull(column)) {
            values.emplace_back(nullptr);
            continue;
        }
        const auto any = object->get(column);
        if (any.isInteger()) values.emplace_back(static_cast<std::int64_t>(any.convert<Poco::Int64>()));
        else values.emplace_back(any.convert<std::string>());
    }
    return values;
}

}  // namespace baton::load::sqlite_target
