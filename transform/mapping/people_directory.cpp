// The people directory (a CSV export of HR, LDAP or AD) and the matching of workspace people to it.
#include "transform/mapping/people_directory.hpp"

#include <fstream>

#include "core/error.hpp"
#include "core/text.hpp"

namespace baton::transform::mapping {
namespace {

// One CSV record (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks).
bool read_record(std::istream& in, std::vector<std::string>& fields, std::int64_t& line, bool& bad_quote) {
    fields.assign(1, std::string());
    bad_quote = false;
    bool quoted = false;
    bool any = false;
    char c = 0;
    while (in.get(c)) {
        any = true;
        if (quoted) {
            if (c == '"') {
                if (in.peek() == '"') {
                    in.get(c);
                    fields.back() += '"';
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line;
                fields.back() += c;
            }
        } else if (c == '"') {
            if (!fields.back().empty()) bad_quote = true;
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c == '\n') {
            ++line;
            return true;
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    if (quoted) bad_quote = true;
    return any;
}

std::string lower(const std::string& value) { return text::to_lower_ascii(text::trim(value)); }

}  // namespace

PeopleDirectory read_people_directory(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(ExitCode::mapping, {path, 0, 0}, "the people directory cannot be read",
                         "the mapping's <directory file=...> is resolved against the mapping file's folder");
    }
    PeopleDirectory directory;
    directory.file = path;
    std::vector<std::string> fields;
    std::int64_t line = 1;
    bool bad_quote = false;
    if (!read_record(in, fields, line, bad_quote)) {
        throw InputError(ExitCode::mapping, {path, 1, 0}, "the people directory is empty; expected a header row");
    }
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < fields.size(); ++i) column[lower(fields[i])] = i;
    if (!column.contains("login")) {
        throw InputError(ExitCode::mapping, {path, 1, 0},
                         "the header row has no `login` column; expected login,email,display_name,status,manager,"
                         "department");
    }
    const std::size_t width = fields.size();
    for (std::int64_t start = line; read_record(in, fields, line, bad_quote); start = line) {
        if (fields.size() == 1 && text::trim(fields[0]).empty()) continue;  // a blank line
        const auto problem = [&](const std::string& text) {
            directory.problems.push_back({"plan.directory-bad-row", text, path, start});
        };
        if (bad_quote) {
            problem("a row with a misplaced quote; skipped");
            continue;
        }
        if (fields.size() != width) {
            problem("a row of " + std::to_string(fields.size()) + " fields; the header has " + std::to_string(width) +
                    "; skipped");
            continue;
        }
        const auto get = [&](const char* name) {
            const auto found = column.find(name);
            return found == column.end() ? std::string() : text::trim(fields[found->second]);
        };
        DirectoryEntry entry{get("login"), get("email"), get("display_name"), lower(get("status")), get("manager"),
                             get("department"), start};
        if (entry.login.empty()) {
            problem("a row without a login; skipped");
            continue;
        }
        if (entry.status.empty()) entry.status = "active";
        if (entry.status != "active" && entry.status != "departed") {
            problem("status \"" + entry.status + "\" for " + entry.login + "; expected active or departed; skipped");
            continue;
        }
        directory.entries.push_back(std::move(entry));
    }
    return directory;
}

std::string normalise_display_name(const std::string& name) {
    std::string result;
    bool space = false;
    for (const char c : name) {
        if (c == ' ' || c == '\t' || c == '.' || c == '-' || c == '_' || c == ',') {
            space = !result.empty();
            continue;
        }
        if (space) result += ' ';
        space = false;
        result += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return result;
}

bool names_person(const std::string& reference, const WorkspacePerson& person) {
    if (reference.empty()) return false;
    if (reference == person.key) return true;
    if (!person.login.empty() && reference == person.login) return true;
    return !person.email.empty() && lower(reference) == lower(person.email);
}

std::vector<IdentityMatch> match_people(const std::vector<WorkspacePerson>& people, const PeopleDirectory& directory,
                                        const Identity& identity, std::vector<PlanMessage>& messages) {
    std::vector<IdentityMatch> matches;
    const auto report = [&](const std::string& code, const std::string& text) {
        messages.push_back({code, text, directory.file, 0});
    };
    // Indexes by each rule's key, so matching stays linear in people and entries.
    std::map<std::string, const DirectoryEntry*> by_login;
    std::map<std::string, std::vector<const DirectoryEntry*>> by_rule[3];
    for (const auto& entry : directory.entries) {
        by_login.emplace(lower(entry.login), &entry);
        if (!entry.email.empty()) by_rule[0][lower(entry.email)].push_back(&entry);
        by_rule[1][lower(entry.login)].push_back(&entry);
        const std::string name = normalise_display_name(entry.display_name);
        if (!name.empty()) by_rule[2][name].push_back(&entry);
    }
    for (const auto& person : people) {
        IdentityMatch match;
        match.person_id = person.id;
        for (const auto& alias : identity.aliases) {
            if (!names_person(alias.person, person)) continue;
            if (const auto found = by_login.find(lower(alias.login)); found != by_login.end()) {
                match.entry = found->second;
            }
            if (match.entry != nullptr) {
                match.matched_by = "alias";
                match.detail = "alias of " + alias.login;
            } else {
                report("plan.alias-unknown-login", "the alias of " + person.key + " names login \"" + alias.login +
                                                       "\", which the directory does not have");
            }
            break;
        }
        for (std::size_t r = 0; match.entry == nullptr && match.matched_by.empty() && r < identity.rules.size(); ++r) {
            const auto rule = identity.rules[r];
            std::string wanted;
            if (rule == Identity::Rule::email) wanted = lower(person.email);
            if (rule == Identity::Rule::login) wanted = lower(person.login);
            if (rule == Identity::Rule::display_name) wanted = normalise_display_name(person.display_name);
            if (wanted.empty()) continue;
            const auto& index = by_rule[static_cast<int>(rule)];
            const auto hit = index.find(wanted);
            const std::vector<const DirectoryEntry*> found =
                hit == index.end() ? std::vector<const DirectoryEntry*>() : hit->second;
            const char* rule_name = rule == Identity::Rule::email   ? "email"
                                    : rule == Identity::Rule::login ? "login"
                                                                    : "display-name";
            if (found.size() == 1) {
                match.entry = found.front();
                match.matched_by = rule_name;
                match.detail = std::string("matched by ") + rule_name + " to " + found.front()->login;
            } else if (found.size() > 1) {
                match.matched_by = "ambiguous";
                match.detail = std::string("its ") + rule_name + " matches " + std::to_string(found.size()) +
                               " directory entries (" + found[0]->login + ", " + found[1]->login +
                               (found.size() > 2 ? ", ..." : "") + "); not guessed";
                report("plan.identity-ambiguous", person.key + ": " + match.detail);
            }
        }
        if (match.entry == nullptr && match.matched_by.empty()) {
            match.matched_by = "unmatched";
            match.detail = "no directory entry matches its email, login or display name";
            report("plan.identity-unmatched", person.key + ": " + match.detail);
        }
        matches.push_back(std::move(match));
    }
    return matches;
}

}  // namespace baton::transform::mapping
