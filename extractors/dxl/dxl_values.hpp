// Values as Domino DXL writes them: date-times, hierarchical names, file names from the export.
#pragma once

#include <string>
#include <string_view>

namespace baton::extract::dxl {

// "20090602T165055,48+02" -> "2009-06-02T14:50:55Z" (UTC when a zone is given), "19750521" ->
// "1975-05-21", "T101500,00" -> "10:15:00"; the text as given when it is not a DXL date-time.
[[nodiscard]] std::string dxl_datetime_to_iso(std::string_view value);

// "CN=Eric BREHAULT/O=Eric BREHAULT" -> "Eric BREHAULT"; a flat name is returned as it is.
[[nodiscard]] std::string common_name(std::string_view notes_name);

// A file name safe to create inside one folder: the last path component, without control
// characters, never "." or ".." or empty ("file" then).
[[nodiscard]] std::string safe_file_name(std::string_view name);

}  // namespace baton::extract::dxl
