// The Redmine REST calls a load makes, one function per object operation, on top of RedmineClient.
#include "loaders/redmine/redmine_api.hpp"

#include <algorithm>
#include <sstream>

#include <Poco/JSON/Array.h>

#include "core/text.hpp"
#include "loaders/redmine/redmine_names.hpp"

namespace baton::load::redmine {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string text_of(const Object::Ptr& object, const std::string& key) {
    if (!object || !object->has(key) || object->isNull(key)) return {};
    return object->getValue<std::string>(key);
}

std::int64_t int_of(const Object::Ptr& object, const std::string& key) {
    if (!object || !object->has(key) || object->isNull(key)) return 0;
    return object->getValue<std::int64_t>(key);
}

std::int64_t nested_id(const Object::Ptr& object, const std::string& key) {
    return object && object->has(key) ? int_of(object->getObject(key), "id") : 0;
}

std::string wrap(const std::string& name, const Object::Ptr& inner) {
    Object outer;
    outer.set(name, inner);
    return json_text(outer);
}

Array::Ptr id_array(const std::vector<std::int64_t>& ids) {
    Array::Ptr array = new Array;
    for (const auto id : ids) array->add(id);
    return array;
}

std::int64_t created_id(const Response& response, const std::string& name) {
    return int_of(parse_json_object(response.body)->getObject(name), "id");
}

User user_from(const Object::Ptr& object) {
    return User{int_of(object, "id"), text_of(object, "login"), text_of(object, "firstname"),
                text_of(object, "lastname"), text_of(object, "mail")};
}

Membership membership_from(const Object::Ptr& object) {
    Membership membership;
    membership.id = int_of(object, "id");
    membership.user_id = nested_id(object, "user");
    if (const auto roles = object->getArray("roles")) {
        for (std::size_t i = 0; i < roles->size(); ++i) {
            const auto role = roles->getObject(static_cast<unsigned>(i));
            if (!role->has("inherited")) membership.role_ids.push_back(int_of(role, "id"));
        }
    }
    std::sort(membership.role_ids.begin(), membership.role_ids.end());
    return membership;
}

Issue issue_from(const Object::Ptr& object) {
    Issue issue;
    issue.id = int_of(object, "id");
    issue.subject = text_of(object, "subject");
    issue.description = text_of(object, "description");
    issue.start_date = text_of(object, "start_date");
    issue.due_date = text_of(object, "due_date");
    issue.assigned_to_id = nested_id(object, "assigned_to");
    return issue;
}

}  // namespace

std::string Project::hash() const { return hash_of({name, description}); }
std::string Project::json() const {
    Object object;
    object.set("id", id).set("identifier", identifier).set("name", name).set("description", description);
    return json_text(object);
}
std::string User::hash() const { return hash_of({login, firstname, lastname, mail}); }
std::string User::json() const {
    Object object;
    object.set("id", id).set("login", login).set("firstname", firstname).set("lastname", lastname).set("mail", mail);
    return json_text(object);
}
std::string Membership::hash() const {
    std::string roles;
    for (const auto role : role_ids) roles += std::to_string(role) + ",";
    return hash_of({std::to_string(user_id), roles});
}
std::string Membership::json() const {
    Object object;
    object.set("id", id).set("user_id", user_id).set("role_ids", id_array(role_ids));
    return json_text(object);
}
std::string WikiPage::hash() const { return hash_of({text}); }
std::string WikiPage::json() const {
    Object object;
    object.set("title", title).set("text", text).set("version", version).set("author_id", author_id);
    return json_text(object);
}
std::string Issue::hash() const {
    return hash_of({subject, description, due_date, std::to_string(assigned_to_id)});
}
std::string Issue::json() const {
    Object object;
    object.set("id", id).set("subject", subject).set("description", description).set("start_date", start_date);
    object.set("due_date", due_date).set("assigned_to_id", assigned_to_id);
    return json_text(object);
}

std::map<std::string, std::int64_t> RedmineApi::roles() {
    std::map<std::string, std::int64_t> out;
    const auto answer = m_client.get_json("/roles.json");
    if (const auto roles = answer ? answer->getArray("roles") : nullptr) {
        for (std::size_t i = 0; i < roles->size(); ++i) {
            const auto role = roles->getObject(static_cast<unsigned>(i));
            out[text_of(role, "name")] = int_of(role, "id");
        }
    }
    return out;
}

std::optional<Project> RedmineApi::project(const std::string& identifier) {
    const auto answer = m_client.get_json("/projects/" + url_encode(identifier) + ".json");
    if (!answer) return std::nullopt;
    const auto object = answer->getObject("project");
    return Project{int_of(object, "id"), text_of(object, "identifier"), text_of(object, "name"),
                   text_of(object, "description")};
}

std::int64_t RedmineApi::create_project(const Project& project) {
    Object::Ptr inner = new Object;
    inner->set("identifier", project.identifier).set("name", project.name).set("description", project.description);
    Array::Ptr modules = new Array;
    modules->add("wiki");
    modules->add("issue_tracking");
    modules->add("files");
    inner->set("enabled_module_names", modules);
    inner->set("is_public", false);
    return created_id(m_client.write("POST", "/projects.json", wrap("project", inner)), "project");
}

void RedmineApi::update_project(const Project& project) {
    Object::Ptr inner = new Object;
    inner->set("name", project.name).set("description", project.description);
    m_client.write("PUT", "/projects/" + url_encode(project.identifier) + ".json", wrap("project", inner));
}

void RedmineApi::delete_project(const std::string& identifier) {
    m_client.write("DELETE", "/projects/" + url_encode(identifier) + ".json", {});
}

std::optional<User> RedmineApi::user(const std::string& login, const std::string& mail) {
    // `name` matches login, names and mail as a substring: the exact match is picked here.
    for (const auto& [value, by_login] : {std::pair{login, true}, std::pair{mail, false}}) {
        if (value.empty()) continue;
        const auto answer = m_client.get_json("/users.json?status=&limit=100&name=" + url_encode(value));
        const auto users = answer ? answer->getArray("users") : nullptr;
        for (std::size_t i = 0; users && i < users->size(); ++i) {
            User user = user_from(users->getObject(static_cast<unsigned>(i)));
            const std::string& field = by_login ? user.login : user.mail;
            if (text::to_lower_ascii(field) == text::to_lower_ascii(value)) return user;
        }
    }
    return std::nullopt;
}

std::optional<User> RedmineApi::user_by_id(std::int64_t id) {
    const auto answer = m_client.get_json("/users/" + std::to_string(id) + ".json");
    if (!answer) return std::nullopt;
    return user_from(answer->getObject("user"));
}

std::int64_t RedmineApi::create_user(const User& user) {
    Object::Ptr inner = new Object;
    inner->set("login", user.login).set("firstname", user.firstname).set("lastname", user.lastname);
    inner->set("mail", user.mail).set("generate_password", true).set("mail_notification", "none");
    Object outer;
    outer.set("user", inner);
    outer.set("send_information", false);
    return created_id(m_client.write("POST", "/users.json", json_text(outer)), "user");
}

void RedmineApi::update_user(const User& user) {
    Object::Ptr inner = new Object;
    inner->set("login", user.login).set("firstname", user.firstname).set("lastname", user.lastname);
    inner->set("mail", user.mail);
    m_client.write("PUT", "/users/" + std::to_string(user.id) + ".json", wrap("user", inner));
}

void RedmineApi::delete_user(std::int64_t id) { m_client.write("DELETE", "/users/" + std::to_string(id) + ".json", {}); }

std::optional<Membership> RedmineApi::membership(const std::string& project, std::int64_t user_id) {
    for (std::int64_t offset = 0;; offset += 100) {
        const auto answer = m_client.get_json("/projects/" + url_encode(project) +
                                              "/memberships.json?limit=100&offset=" + std::to_string(offset));
        const auto list = answer ? answer->getArray("memberships") : nullptr;
        if (!list || list->size() == 0) return std::nullopt;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const auto object = list->getObject(static_cast<unsigned>(i));
            if (nested_id(object, "user") == user_id) return membership_from(object);
        }
        if (offset + 100 >= int_of(answer, "total_count")) return std::nullopt;
    }
}

std::optional<Membership> RedmineApi::membership_by_id(std::int64_t id) {
    const auto answer = m_client.get_json("/memberships/" + std::to_string(id) + ".json");
    if (!answer) return std::nullopt;
    return membership_from(answer->getObject("membership"));
}

std::int64_t RedmineApi::create_membership(const std::string& project, std::int64_t user_id,
                                           const std::vector<std::int64_t>& roles) {
    Object::Ptr inner = new Object;
    inner->set("user_id", user_id).set("role_ids", id_array(roles));
    return created_id(
        m_client.write("POST", "/projects/" + url_encode(project) + "/memberships.json", wrap("membership", inner)),
        "membership");
}

void RedmineApi::update_membership(std::int64_t id, const std::vector<std::int64_t>& roles) {
    Object::Ptr inner = new Object;
    inner->set("role_ids", id_array(roles));
    m_client.write("PUT", "/memberships/" + std::to_string(id) + ".json", wrap("membership", inner));
}

void RedmineApi::delete_membership(std::int64_t id) {
    m_client.write("DELETE", "/memberships/" + std::to_string(id) + ".json", {});
}

namespace {
WikiPage page_from(const Object::Ptr& object) {
    WikiPage page;
    page.title = text_of(object, "title");
    page.text = text_of(object, "text");
    page.comments = text_of(object, "comments");
    page.version = int_of(object, "version");
    page.author_id = nested_id(object, "author");
    if (const auto parent = object->getObject("parent")) page.parent_title = text_of(parent, "title");
    if (const auto attachments = object->getArray("attachments")) {
        for (std::size_t i = 0; i < attachments->size(); ++i) {
            const auto attachment = attachments->getObject(static_cast<unsigned>(i));
            page.attachments[text_of(attachment, "filename")] = int_of(attachment, "id");
        }
    }
    return page;
}
}  // namespace

std::optional<WikiPage> RedmineApi::wiki_page(const std::string& project, const std::string& title) {
    const auto answer = m_client.get_json("/projects/" + url_encode(project) + "/wiki/" + url_encode(title) +
                                          ".json?include=attachments");
    if (!answer) return std::nullopt;
    return page_from(answer->getObject("wiki_page"));
}

std::optional<WikiPage> RedmineApi::wiki_version(const std::string& project, const std::string& title,
                                                 std::int64_t version) {
    const auto answer = m_client.get_json("/projects/" + url_encode(project) + "/wiki/" + url_encode(title) + "/" +
                                          std::to_string(version) + ".json");
    if (!answer) return std::nullopt;
    return page_from(answer->getObject("wiki_page"));
}

bool RedmineApi::put_wiki_page(const std::string& project, const std::string& title, const std::string& text,
                               const std::string& comments, const std::string& author_login,
                               const std::vector<Upload>& uploads) {
    Object::Ptr inner = new Object;
    inner->set("text", text).set("comments", comments.substr(0, 1024));
    if (!uploads.empty()) {
        Array::Ptr list = new Array;
        for (const auto& upload : uploads) {
            Object::Ptr entry = new Object;
            entry->set("token", upload.token).set("filename", upload.filename);
            list->add(entry);
        }
        inner->set("uploads", list);
    }
    const Response response = m_client.write(
        "PUT", "/projects/" + url_encode(project) + "/wiki/" + url_encode(title) + ".json", wrap("wiki_page", inner),
        author_login);
    return response.status == 201;
}

void RedmineApi::set_wiki_parent(const std::string& project, const std::string& title, const std::string& text,
                                 const std::string& parent_title, const std::string& comments) {
    Object::Ptr inner = new Object;
    inner->set("text", text).set("comments", comments.substr(0, 1024)).set("parent_title", parent_title);
    m_client.write("PUT", "/projects/" + url_encode(project) + "/wiki/" + url_encode(title) + ".json",
                   wrap("wiki_page", inner));
}

void RedmineApi::delete_wiki_page(const std::string& project, const std::string& title) {
    m_client.write("DELETE", "/projects/" + url_encode(project) + "/wiki/" + url_encode(title) + ".json", {});
}

void RedmineApi::delete_attachment(std::int64_t id) {
    m_client.write("DELETE", "/attachments/" + std::to_string(id) + ".json", {});
}

std::optional<std::string> RedmineApi::attachment_filename(std::int64_t id) {
    const auto answer = m_client.get_json("/attachments/" + std::to_string(id) + ".json");
    if (!answer) return std::nullopt;
    return text_of(answer->getObject("attachment"), "filename");
}

std::map<std::string, std::int64_t> RedmineApi::project_files(const std::string& project) {
    std::map<std::string, std::int64_t> out;
    const auto answer = m_client.get_json("/projects/" + url_encode(project) + "/files.json");
    const auto files = answer ? answer->getArray("files") : nullptr;
    for (std::size_t i = 0; files && i < files->size(); ++i) {
        const auto file = files->getObject(static_cast<unsigned>(i));
        out[text_of(file, "filename")] = int_of(file, "id");
    }
    return out;
}

void RedmineApi::add_project_file(const std::string& project, const Upload& upload) {
    Object::Ptr inner = new Object;
    inner->set("token", upload.token).set("filename", upload.filename);
    m_client.write("POST", "/projects/" + url_encode(project) + "/files.json", wrap("file", inner));
}

std::vector<std::pair<std::int64_t, std::string>> RedmineApi::marked_issues(const std::string& project) {
    std::vector<std::pair<std::int64_t, std::string>> out;
    const std::string prefix = "baton-legacy-";
    for (std::int64_t offset = 0;; offset += 100) {
        const auto answer = m_client.get_json("/issues.json?project_id=" + url_encode(project) +
                                              "&status_id=*&limit=100&offset=" + std::to_string(offset) +
                                              "&f%5B%5D=description&op%5Bdescription%5D=~&v%5Bdescription%5D%5B%5D=" +
                                              prefix);
        const auto list = answer ? answer->getArray("issues") : nullptr;
        if (!list || list->size() == 0) return out;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const Issue issue = issue_from(list->getObject(static_cast<unsigned>(i)));
            const auto at = issue.description.find(prefix);
            const auto end = issue.description.find_first_not_of("0123456789abcdef", at + prefix.size());
            out.emplace_back(issue.id, issue.description.substr(at, end == std::string::npos ? end : end - at));
        }
        if (offset + 100 >= int_of(answer, "total_count")) return out;
    }
}

std::optional<Issue> RedmineApi::issue(const std::string& project, const std::string& marker) {
    const auto answer = m_client.get_json("/issues.json?project_id=" + url_encode(project) +
                                          "&status_id=*&f%5B%5D=description&op%5Bdescription%5D=~"
                                          "&v%5Bdescription%5D%5B%5D=" + url_encode(marker));
    const auto list = answer ? answer->getArray("issues") : nullptr;
    if (!list || list->size() == 0) return std::nullopt;
    return issue_from(list->getObject(0));
}

std::optional<Issue> RedmineApi::issue_by_id(std::int64_t id) {
    const auto answer = m_client.get_json("/issues/" + std::to_string(id) + ".json");
    if (!answer) return std::nullopt;
    return issue_from(answer->getObject("issue"));
}

std::map<std::int64_t, IssueStatus> RedmineApi::issue_statuses() {
    std::map<std::int64_t, IssueStatus> statuses;
    const auto answer = m_client.get_json("/issue_statuses.json");
    if (!answer || !answer->isArray("issue_statuses")) return statuses;
    const auto list = answer->getArray("issue_statuses");
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto status = list->getObject(static_cast<unsigned>(i));
        IssueStatus entry;
        entry.name = status->optValue<std::string>("name", "");
        entry.closed = status->optValue<bool>("is_closed", false);
        statuses[status->getValue<std::int64_t>("id")] = entry;
    }
    return statuses;
}

std::optional<IssueProgress> RedmineApi::issue_progress(std::int64_t id) {
    const auto answer = m_client.get_json("/issues/" + std::to_string(id) + ".json");
    if (!answer) return std::nullopt;
    const auto issue = answer->getObject("issue");
    IssueProgress progress;
    if (const auto status = issue->getObject("status")) progress.status_id = status->getValue<std::int64_t>("id");
    progress.done_ratio = issue->optValue<std::int64_t>("done_ratio", 0);
    return progress;
}

namespace {
Object::Ptr issue_fields(const Issue& issue) {
    Object::Ptr inner = new Object;
    inner->set("subject", issue.subject).set("description", issue.description).set("due_date", issue.due_date);
    inner->set("start_date", issue.start_date);
    if (issue.assigned_to_id > 0) inner->set("assigned_to_id", issue.assigned_to_id);
    return inner;
}
}  // namespace

std::int64_t RedmineApi::create_issue(const std::string& project, const Issue& issue) {
    Object::Ptr inner = issue_fields(issue);
    inner->set("project_id", project);
    return created_id(m_client.write("POST", "/issues.json", wrap("issue", inner)), "issue");
}

void RedmineApi::update_issue(const Issue& issue) {
    m_client.write("PUT", "/issues/" + std::to_string(issue.id) + ".json", wrap("issue", issue_fields(issue)));
}

void RedmineApi::delete_issue(std::int64_t id) { m_client.write("DELETE", "/issues/" + std::to_string(id) + ".json", {}); }

}  // namespace baton::load::redmine
