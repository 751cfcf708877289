// The temporary SQLite file a Confluence export's objects are collected in before they are joined:
// objects refer to each other by id in any order, so nothing is held in memory between them.
#pragma once

#include <cstdint>
#include <string>

#include "core/sqlite.hpp"
#include "extractors/confluence/hibernate_object.hpp"

namespace baton::extract::confluence {

class StagingStore {
public:
    StagingStore();  // a fresh file in the system temp folder, removed by the destructor
    ~StagingStore();
    StagingStore(const StagingStore&) = delete;
    StagingStore& operator=(const StagingStore&) = delete;

    // Records one object (or only its class and id, for classes baton does not convert).
    void add(const HibernateObject& object);
    // A file present in the export (attachments/...), for attachment items to point at.
    void add_file(const std::string& relative_path);
    // Commits what was added and builds the indexes the joins use.
    void finish_loading();

    [[nodiscard]] sql::Database& db() noexcept { return m_db; }
    [[nodiscard]] const std::string& path() const noexcept { return m_path; }

private:
    void add_content(const HibernateObject& object, const std::string& class_name, const std::string& id);
    void commit_batch();

    std::string m_path;
    sql::Database m_db;
    sql::Statement m_known;
    sql::Statement m_content;
    sql::Statement m_body;
    sql::Statement m_user_key;
    sql::Statement m_user_detail;
    sql::Statement m_space;
    sql::Statement m_permission;
    sql::Statement m_label;
    sql::Statement m_labelling;
    sql::Statement m_link;
    sql::Statement m_property;
    sql::Statement m_content_property;
    sql::Statement m_restriction_set;
    sql::Statement m_restriction;
    sql::Statement m_file;
    std::int64_t m_in_batch = 0;
};

}  // namespace baton::extract::confluence
