// Pass 2 of the Confluence extractor: the staged object graph joined into people, spaces, labels and items.
#pragma once

#include <cstdint>
#include <string>

#include "core/sqlite.hpp"
#include "extractors/extractor.hpp"

namespace baton::extract::confluence {

class ModelEmitter {
public:
    ModelEmitter(sql::Database& db, model::ModelSink& sink, std::string entities_name);
    // People, then spaces and labels, then pages, blog posts, attachments and comments, then the
    // references that point nowhere and a count of what is not converted.
    void emit_all(const ProgressCallback& progress);
    [[nodiscard]] std::uint64_t items_emitted() const noexcept { return m_items; }

private:
    // model_emitter.cpp
    void emit_people();
    void emit_spaces();
    void emit_labels();
    void report_global_group_permissions();
    void report_dangling_references();
    void report_not_converted();
    // The person key for a user name or a ConfluenceUserImpl key; an undeclared person is sent on first sight.
    std::string person_key(const std::string& name, const std::string& user_key);
    void warn(const char* code, const std::string& text, std::int64_t line, const std::string& item_key = {},
              model::Severity severity = model::Severity::warning);

    // content_emitter.cpp
    void emit_content(const ProgressCallback& progress);
    [[nodiscard]] std::string space_key_of(const std::string& space_id, const std::string& container_id);

    sql::Database& m_db;
    model::ModelSink& m_sink;
    std::string m_entities_name;
    sql::Statement m_user_by_key;
    sql::Statement m_user_by_name;
    sql::Statement m_mark_emitted;
    sql::Statement m_space_of_content;
    sql::Statement m_space_key;
    std::uint64_t m_items = 0;
    std::uint64_t m_attachments = 0;
    std::uint64_t m_attachments_without_file = 0;
};

}  // namespace baton::extract::confluence
