// The people directory (a CSV export of HR, LDAP or AD) and the matching of workspace people to it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "transform/mapping/mapping.hpp"
#include "transform/mapping/stewardship.hpp"

namespace baton::transform::mapping {

struct DirectoryEntry {
    std::string login;
    std::string email;
    std::string display_name;
    std::string status;  // "active" | "departed"
    std::string manager;  // the manager's login
    std::string department;
    std::int64_t line = 0;
};

struct PeopleDirectory {
    std::string file;
    std::vector<DirectoryEntry> entries;
    std::vector<PlanMessage> problems;  // malformed rows, reported and skipped
};

// Reads a CSV with a header row naming at least `login` (also email, display_name, status, manager,
// department, in any order; other columns are ignored). Throws InputError (mapping-error) when the file
// cannot be read or has no login column; bad rows are reported in `problems` and skipped.
[[nodiscard]] PeopleDirectory read_people_directory(const std::string& path);

// A workspace person as the matcher sees them.
struct WorkspacePerson {
    std::int64_t id = 0;
    std::string key;
    std::string login;
    std::string email;
    std::string display_name;
};

struct IdentityMatch {
    std::int64_t person_id = 0;
    const DirectoryEntry* entry = nullptr;  // nullptr when unmatched or ambiguous
    std::string matched_by;  // "alias", "email", "login", "display-name", "ambiguous", "unmatched"
    std::string detail;      // in words
};

// "Ana  María-López " -> "ana maría lópez": lower-case ASCII letters, runs of spaces, dots, dashes and
// underscores become one space, trimmed.
[[nodiscard]] std::string normalise_display_name(const std::string& name);

// Matches each person by the aliases, then the rules in their declared order. A rule that finds more
// than one entry stops the search: the person is reported as ambiguous, never guessed.
[[nodiscard]] std::vector<IdentityMatch> match_people(const std::vector<WorkspacePerson>& people,
                                                      const PeopleDirectory& directory, const Identity& identity,
                                                      std::vector<PlanMessage>& messages);

// True when `reference` (from a mapping: a person key, login or email) names this person.
[[nodiscard]] bool names_person(const std::string& reference, const WorkspacePerson& person);

}  // namespace baton::transform::mapping
