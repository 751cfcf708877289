// `baton messages [--run N] [--severity S]`: the per-item messages of the runs, with file and line.
#include <iostream>

#include "apps/command.hpp"
#include "core/error.hpp"
#include "workspace/workspace.hpp"

namespace baton::app {

int run_messages(const Arguments& arguments) {
    po::options_description options("Options");
    add_common_options(options);
    options.add_options()("run", po::value<std::int64_t>(), "only the messages of this run")(
        "severity", po::value<std::string>()->default_value("info"),
        "only this severity and worse: info, warning or error")(
        "limit", po::value<std::int64_t>()->default_value(0), "at most this many messages (0: all)");
    const auto values = parse_command_line(
        "messages", "[--run N] [--severity info|warning|error] [--limit N] [--workspace FILE]",
        "Lists the messages runs recorded about single items (skipped records, load failures, conflicts),\n"
        "oldest first: run, severity, code, file:line:column where known, the item, the text.",
        options, {}, arguments);
    if (!values) return 0;
    const std::string severity = (*values)["severity"].as<std::string>();
    const int rank = severity == "info" ? 0 : severity == "warning" ? 1 : severity == "error" ? 2 : -1;
    if (rank < 0) throw UsageError("--severity must be info, warning or error, not \"" + severity + "\"");
    const std::int64_t limit = (*values)["limit"].as<std::int64_t>();
    if (limit < 0) throw UsageError("--limit must be 0 (all) or more");
    workspace::Workspace workspace(workspace_path(*values), workspace::Access::existing);
    const bool one_run = values->count("run") != 0;
    auto select = workspace.db().prepare(
        "SELECT run_id, severity, code, coalesce(file, ''), coalesce(line, 0), coalesce(column, 0), "
        "coalesce(item_key, ''), text FROM messages WHERE (?1 = 0 OR run_id = ?2) AND "
        "(CASE severity WHEN 'error' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END) >= ?3 ORDER BY id" +
        std::string(limit > 0 ? " LIMIT " + std::to_string(limit) : ""));
    select.bind(1, one_run ? 1 : 0).bind(2, one_run ? (*values)["run"].as<std::int64_t>() : 0).bind(3, rank);
    std::int64_t count = 0;
    while (select.step()) {
        ++count;
        std::cout << "run " << select.column_int(0) << ' ' << select.column_text(1) << ' ' << select.column_text(2);
        if (!select.column_text(3).empty()) {
            std::cout << ' ' << select.column_text(3);
            if (select.column_int(4) > 0) std::cout << ':' << select.column_int(4);
            if (select.column_int(5) > 0) std::cout << ':' << select.column_int(5);
        }
        if (!select.column_text(6).empty()) std::cout << " [" << select.column_text(6) << ']';
        std::cout << ": " << select.column_text(7) << '\n';
    }
    if (count == 0) std::cout << "no messages" << (one_run ? " in that run" : "") << '\n';
    return 0;
}

}  // namespace baton::app
