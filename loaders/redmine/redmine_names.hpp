// Names Redmine accepts, derived from workspace values: project identifiers, logins, wiki titles; and hashes.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace baton::load::redmine {

// A community slug -> a valid project identifier: lowercase a-z, 0-9, '-', '_', starting with a letter, at most 100.
[[nodiscard]] std::string project_identifier(std::string_view slug);

// A person's login (else email's local part, else display name, else key) -> a valid Redmine login (at most 60).
[[nodiscard]] std::string user_login(std::string_view login, std::string_view email, std::string_view display_name,
                                     std::string_view key);

// An item title -> a Redmine wiki title (no , . / ? ; : | # [ ] characters, spaces as '_', first letter upper case).
[[nodiscard]] std::string wiki_title(std::string_view title, std::string_view fallback);

// Text as Redmine stores it (no CR, no trailing white space), so written and read-back hashes compare.
[[nodiscard]] std::string normalised_text(std::string_view value);

// A fingerprint over the parts (each normalised), hex.
[[nodiscard]] std::string hash_of(std::initializer_list<std::string_view> parts);

// The marker an onboarding issue carries in its description, to be found again without the id map.
[[nodiscard]] std::string issue_marker(std::string_view legacy_key);

}  // namespace baton::load::redmine
