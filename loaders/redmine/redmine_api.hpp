// The Redmine REST calls a load makes, one function per object operation, on top of RedmineClient.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "loaders/redmine/redmine_client.hpp"

namespace baton::load::redmine {

struct Project {
    std::int64_t id = 0;
    std::string identifier, name, description;
    [[nodiscard]] std::string hash() const;
    [[nodiscard]] std::string json() const;  // the before-image for the journal
};

struct User {
    std::int64_t id = 0;
    std::string login, firstname, lastname, mail;
    [[nodiscard]] std::string hash() const;
    [[nodiscard]] std::string json() const;
};

struct Membership {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::vector<std::int64_t> role_ids;  // sorted
    [[nodiscard]] std::string hash() const;
    [[nodiscard]] std::string json() const;
};

struct WikiPage {
    std::string title, text, comments;
    std::int64_t version = 0;
    std::int64_t author_id = 0;
    std::map<std::string, std::int64_t> attachments;  // file name -> attachment id
    std::string parent_title;                          // read back only; not part of the hash
    [[nodiscard]] std::string hash() const;  // the text only: versions and attachments are not edits
    [[nodiscard]] std::string json() const;
};

struct Issue {
    std::int64_t id = 0;
    std::string subject, description, start_date, due_date;
    std::int64_t assigned_to_id = 0;
    [[nodiscard]] std::string hash() const;
    [[nodiscard]] std::string json() const;
};

struct Upload {
    std::string token, filename;
};

struct IssueStatus {
    std::string name;
    bool closed = false;
};

// Where an issue stands: its status id and how far it is done (0 to 100).
struct IssueProgress {
    std::int64_t status_id = 0;
    std::int64_t done_ratio = 0;
};

class RedmineApi {
public:
    explicit RedmineApi(RedmineClient& client) : m_client(client) {}

    [[nodiscard]] std::map<std::string, std::int64_t> roles();  // name -> id

    [[nodiscard]] std::optional<Project> project(const std::string& identifier);
    std::int64_t create_project(const Project& project);
    void update_project(const Project& project);
    void delete_project(const std::string& identifier);

    // By login first, then by e-mail address; locked users too.
    [[nodiscard]] std::optional<User> user(const std::string& login, const std::string& mail);
    [[nodiscard]] std::optional<User> user_by_id(std::int64_t id);
    // Created without notification mails and without the account mail (a password is generated, never sent).
    std::int64_t create_user(const User& user);
    void update_user(const User& user);
    void delete_user(std::int64_t id);

    [[nodiscard]] std::optional<Membership> membership(const std::string& project, std::int64_t user_id);
    [[nodiscard]] std::optional<Membership> membership_by_id(std::int64_t id);
    std::int64_t create_membership(const std::string& project, std::int64_t user_id, const std::vector<std::int64_t>& roles);
    void update_membership(std::int64_t id, const std::vector<std::int64_t>& roles);
    void delete_membership(std::int64_t id);

    [[nodiscard]] std::optional<WikiPage> wiki_page(const std::string& project, const std::string& title);
    [[nodiscard]] std::optional<WikiPage> wiki_version(const std::string& project, const std::string& title,
                                                       std::int64_t version);
    // PUT is an upsert; written as `author_login` when not empty. True when it created the page.
    bool put_wiki_page(const std::string& project, const std::string& title, const std::string& text,
                       const std::string& comments, const std::string& author_login,
                       const std::vector<Upload>& uploads = {});
    void delete_wiki_page(const std::string& project, const std::string& title);
    // Moves a page under `parent_title` ("" : to the top), its text rewritten unchanged (the API needs it).
    void set_wiki_parent(const std::string& project, const std::string& title, const std::string& text,
                         const std::string& parent_title, const std::string& comments);
    void delete_attachment(std::int64_t id);
    [[nodiscard]] std::optional<std::string> attachment_filename(std::int64_t id);
    // The project's Files (module "files"): file name -> attachment id; adding one from an upload token.
    [[nodiscard]] std::map<std::string, std::int64_t> project_files(const std::string& project);
    void add_project_file(const std::string& project, const Upload& upload);
    // Ids and markers of the issues of `project` whose description carries a baton legacy marker (for verify).
    [[nodiscard]] std::vector<std::pair<std::int64_t, std::string>> marked_issues(const std::string& project);
    // The upload token of `file` (streamed from disk) under the name `filename`.
    [[nodiscard]] std::string upload(const std::string& file, const std::string& filename) {
        return m_client.upload(file, filename);
    }

    // The issue of `project` whose description carries `marker` (closed ones too).
    [[nodiscard]] std::optional<Issue> issue(const std::string& project, const std::string& marker);
    [[nodiscard]] std::optional<Issue> issue_by_id(std::int64_t id);
    // Every issue status Redmine knows, by id (GET /issue_statuses.json).
    [[nodiscard]] std::map<std::int64_t, IssueStatus> issue_statuses();
    // The status and done ratio of an issue; nullopt when it is gone.
    [[nodiscard]] std::optional<IssueProgress> issue_progress(std::int64_t id);
    std::int64_t create_issue(const std::string& project, const Issue& issue);
    void update_issue(const Issue& issue);
    void delete_issue(std::int64_t id);

private:
    RedmineClient& m_client;
};

}  // namespace baton::load::redmine
