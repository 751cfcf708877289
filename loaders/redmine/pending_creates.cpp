// Creates journalled before they are sent: how a rollback finds an object whose create answer was never recorded.
#include "loaders/redmine/pending_creates.hpp"

#include <map>

#include <Poco/JSON/Object.h>

#include "core/text.hpp"
#include "loaders/redmine/redmine_client.hpp"

namespace baton::load::redmine {

std::string create_lookup(const std::vector<std::pair<std::string, std::string>>& fields) {
    Poco::JSON::Object object;
    for (const auto& [name, value] : fields) object.set(name, value);
    return json_text(object);
}

std::optional<std::string> find_pending_create(RedmineApi& api, const std::string& kind, const std::string& lookup) {
    const auto fields = parse_json_object(lookup);
    const auto field = [&](const char* name) {
        return fields->has(name) ? fields->getValue<std::string>(name) : std::string();
    };
    try {
        if (kind == "community") {
            if (const auto project = api.project(field("identifier"))) return project->identifier;
        } else if (kind == "user") {
            if (const auto user = api.user(field("login"), field("mail"))) return std::to_string(user->id);
        } else if (kind == "membership") {
            const auto user_id = text::parse_int(field("user_id")).value_or(0);
            if (const auto membership = api.membership(field("project"), user_id)) return std::to_string(membership->id);
        } else if (kind == "content" && fields->has("filename")) {  // on a page, or in the project's Files
            std::map<std::string, std::int64_t> files;
            if (field("title").empty()) {
                files = api.project_files(field("project"));
            } else if (const auto page = api.wiki_page(field("project"), field("title"))) {
                files = page->attachments;
            }
            if (const auto file = files.find(field("filename")); file != files.end()) {
                return "attachment/" + std::to_string(file->second);
            }
        } else if (kind == "content") {
            if (api.wiki_page(field("project"), field("title"))) return field("project") + "/" + field("title");
        } else if (kind == "task") {
            if (const auto issue = api.issue(field("project"), field("marker"))) return std::to_string(issue->id);
        }
    } catch (const RefusedError& error) {
        if (error.status() != 404) throw;  // its project is gone already: so is the object
    }
    return std::nullopt;
}

}  // namespace baton::load::redmine
