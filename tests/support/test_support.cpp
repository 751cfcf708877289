// Helpers shared by the tests: temporary folders, fixture paths, extraction and queries, running the CLI.
#include "support/test_support.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include "core/sqlite.hpp"
#include "workspace/workspace_writer.hpp"


namespace baton::test {

TempDir::TempDir() {
    std::random_device device;
    const auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
        m_path = base / ("baton-test-" + std::to_string(device()));
        if (std::filesystem::create_directory(m_path)) return;
    }
    throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
    std::error_code error;
    std::filesystem::remove_all(m_path, error);
}

std::string fixture(const std::string& relative) { return std::string(BATON_FIXTURES_DIR) + "/" + relative; }

std::string wxr_fixture(const std::string& name) { return fixture("wordpress-wxr/" + name); }

std::string leave_wiki_export(const std::string& leave_policy_text) {
    return R"(<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">
  <siteinfo><sitename>Intranet</sitename><base>https://wiki.acme.example/wiki/Main_Page</base>
    <namespaces><namespace key="0" case="first-letter" /></namespaces></siteinfo>
  <page><title>Leave policy</title><ns>0</ns><id>1</id><revision><id>11</id><timestamp>2024-01-01T00:00:00Z</timestamp>
    <contributor><username>Alice</username><id>1</id></contributor><text>)" +
           leave_policy_text + R"(</text></revision></page>
  <page><title>Sick leave</title><ns>0</ns><id>2</id><revision><id>12</id><timestamp>2024-01-02T00:00:00Z</timestamp>
    <contributor><username>Alice</username><id>1</id></contributor><text>Back to [[Leave policy]].</text></revision></page>
</mediawiki>)";
}

std::string source_file(const std::string& relative) { return std::string(BATON_SOURCE_DIR) + "/" + relative; }

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

void write_file(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
}

std::int64_t query_int(workspace::Workspace& workspace, const std::string& sql) {
    auto statement = workspace.db().prepare(sql);
    if (!statement.step()) {
        ADD_FAILURE() << "no row from: " << sql;
        return -1;
    }
    return statement.column_int(0);
}

std::string query_text(workspace::Workspace& workspace, const std::string& sql) {
    auto statement = workspace.db().prepare(sql);
    if (!statement.step()) {
        ADD_FAILURE() << "no row from: " << sql;
        return {};
    }
    return statement.column_text(0);
}

std::string platform_text(const std::string& platform, const std::string& sql) {
    sql::Database db(platform, sql::OpenMode::read_write);
    auto statement = db.prepare(sql);
    return statement.step() ? statement.column_text(0) : std::string("<no row>");
}

std::int64_t platform_int(const std::string& platform, const std::string& sql) {
    sql::Database db(platform, sql::OpenMode::read_write);
    return db.query_int(sql, -1);
}

std::string item_attribute(workspace::Workspace& workspace, const std::string& key, const std::string& attribute) {
    auto statement = workspace.db().prepare("SELECT coalesce(attributes, '') FROM items WHERE key = ?");
    statement.bind(1, key);
    if (!statement.step()) return {};
    for (const auto& [name, value] : workspace::attributes_from_json(statement.column_text(0))) {
        if (name == attribute) return value;
    }
    return {};
}

CommandResult run_baton(const std::string& arguments, const std::string& directory) {
    return run_command("CI=true '" + std::string(BATON_BINARY) + "' " + arguments, directory);
}

CommandResult run_command(const std::string& command_line, const std::string& directory) {
    const std::string out_file = directory + "/.stdout";
    const std::string err_file = directory + "/.stderr";
    const std::string command = "cd '" + directory + "' && " + command_line + " > '" + out_file + "' 2> '" + err_file +
                                "' < /dev/null";
    const int status = std::system(command.c_str());
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_file(out_file);
    result.err = read_file(err_file);
    return result;
}

CommandResult run_baton_measured(const std::string& arguments, const std::string& directory,
                                 std::int64_t& peak_rss_kib) {
    // Python starts baton and writes the peak RSS of its children (baton alone) to .peak_rss: a process this test
    // forked would count the test's own memory from before its exec. Under AddressSanitizer freed memory waits in
    // its quarantine (256 MB by default) and would count as resident: it is off for the measured process.
    const std::string peak_file = directory + "/.peak_rss";
    const std::string measure =
        "python3 -c 'import resource, subprocess, sys; code = subprocess.call(sys.argv[2:]); "
        "open(sys.argv[1], \"w\").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
        "sys.exit(code)' '" + peak_file + "' ";
    const CommandResult result =
        run_command("ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0\" CI=true " + measure + "'" +
                        std::string(BATON_BINARY) + "' " + arguments,
                    directory);
    peak_rss_kib = std::atoll(read_file(peak_file).c_str());
    return result;
}

}  // namespace baton::test

#include "extractors/extract_job.hpp"

namespace baton::test {

std::int64_t extract_source(workspace::Workspace& workspace, const std::string& kind, const std::string& path) {
    return extract_source(workspace, kind, path, {});
}

std::int64_t extract_source(workspace::Workspace& workspace, const std::string& kind, const std::string& path,
                            const extract::ExtractOptions& options) {
    std::int64_t source_id = 0;
    workspace::recorded_run(workspace, "extract", kind + ":" + path, [&](std::int64_t run_id) {
        extract::SourceSpec spec{kind, path};
        spec.options = options;
        const auto result = extract::extract_into_workspace(workspace, run_id, spec);
        source_id = result.source_id;
        return result.outcome;
    });
    return source_id;
}

}  // namespace baton::test
