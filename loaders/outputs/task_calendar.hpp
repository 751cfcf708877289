// A person's onboarding tasks as an iCalendar file (RFC 5545): one VTODO per task.
#pragma once

#include <string>
#include <string_view>

#include "loaders/outputs/checklists.hpp"

namespace baton::load {

// RFC 5545 3.3.11 TEXT: backslash, semicolon and comma escaped, line breaks as \n.
[[nodiscard]] std::string ical_escape(std::string_view value);
// RFC 5545 3.1: a content line folded so no line is longer than 75 octets (never inside a UTF-8
// sequence), continuation lines starting with a space, every line ended by CRLF.
[[nodiscard]] std::string ical_fold(std::string_view line);

// VCALENDAR with a VTODO per task: UID, DTSTAMP (`stamp`, UTC), DUE (UTC), SUMMARY, DESCRIPTION,
// PRIORITY (high 1, normal 5, low 9), STATUS, CATEGORIES (the community) and RELATED-TO;RELTYPE=DEPENDS-ON
// (RFC 9253) per dependency.
[[nodiscard]] std::string checklist_as_icalendar(const Checklist& checklist, const std::string& stamp);

// The current UTC time in iCalendar form: 20261126T172300Z.
[[nodiscard]] std::string ical_now();

}  // namespace baton::load
