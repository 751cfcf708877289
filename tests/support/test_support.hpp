// Helpers shared by the tests: temporary folders, fixture paths, extraction and queries, running the CLI.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "extractors/extractor.hpp"
#include "workspace/workspace.hpp"

namespace baton::test {

// A fresh folder under the system temp dir, removed with everything in it at the end of the test.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return m_path; }
    [[nodiscard]] std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

[[nodiscard]] std::string fixture(const std::string& relative);  // ../shared/fixtures/<relative>
[[nodiscard]] std::string wxr_fixture(const std::string& name);  // ../shared/fixtures/wordpress-wxr/<name>
// A two-page MediaWiki export of https://wiki.acme.example: "Leave policy" (wikitext `leave_policy_text`) and
// "Sick leave", which links back to it; for the link tests.
[[nodiscard]] std::string leave_wiki_export(const std::string& leave_policy_text);
[[nodiscard]] std::string source_file(const std::string& relative);  // <project root>/<relative>
[[nodiscard]] std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& content);

// One integer from a query (e.g. a count); fails the test if the query returns no row.
[[nodiscard]] std::int64_t query_int(workspace::Workspace& workspace, const std::string& sql);
[[nodiscard]] std::string query_text(workspace::Workspace& workspace, const std::string& sql);
// The same on a database file (a load's SQLite target): "<no row>" and -1 when the query returns none.
[[nodiscard]] std::string platform_text(const std::string& platform, const std::string& sql);
[[nodiscard]] std::int64_t platform_int(const std::string& platform, const std::string& sql);

// Extracts one file of `kind` into `workspace` as a recorded run; returns the source id.
std::int64_t extract_source(workspace::Workspace& workspace, const std::string& kind, const std::string& path);
// The same with extract options (CSV columns, a files folder).
std::int64_t extract_source(workspace::Workspace& workspace, const std::string& kind, const std::string& path,
                            const extract::ExtractOptions& options);
inline std::int64_t extract_wxr(workspace::Workspace& workspace, const std::string& path) {
    return extract_source(workspace, "wxr", path);
}

// The text of `attribute` on item `key` (first occurrence), "" if absent.
[[nodiscard]] std::string item_attribute(workspace::Workspace& workspace, const std::string& key,
                                         const std::string& attribute);

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs the built baton with `arguments` (a shell-quoted string) in `directory`.
[[nodiscard]] CommandResult run_baton(const std::string& arguments, const std::string& directory);
// Runs a shell command line in `directory` (stdin empty), capturing its exit code and output.
[[nodiscard]] CommandResult run_command(const std::string& command_line, const std::string& directory);
// run_baton, also giving the peak resident set size of the baton process in KiB (its ru_maxrss, taken by a python3
// parent); under AddressSanitizer with its quarantine off, so that freed memory does not count.
[[nodiscard]] CommandResult run_baton_measured(const std::string& arguments, const std::string& directory,
                                               std::int64_t& peak_rss_kib);

}  // namespace baton::test
