// `baton report [--out FILE]`: a self-contained HTML page summarising the migration.
#include <fstream>
#include <iostream>

#include "apps/command.hpp"
#include "core/error.hpp"
#include "loaders/outputs/html_report.hpp"

namespace baton::app {

int run_report(const Arguments& arguments) {
    po::options_description options("Options");
    add_common_options(options);
    options.add_options()("out,o", po::value<std::string>()->default_value("baton-report.html"),
                          "the HTML file to write (- for stdout)");
    const auto values = parse_command_line(
        "report", "[--out FILE] [--workspace FILE]",
        "Writes one HTML page with no external assets: sources and their counts, communities with owners,\n"
        "managers and the reasons, what is left out and why, every warning and error with file and line, runs.",
        options, {}, arguments);
    if (!values) return 0;
    workspace::Workspace workspace(workspace_path(*values), workspace::Access::existing);
    const std::string out = (*values)["out"].as<std::string>();
    workspace::recorded_run(workspace, "report", options_text(arguments), [&](std::int64_t run_id) {
        load::ReportOptions report;
        report.current_run = run_id;  // not listed as a run still going
        const std::string html = load::render_html_report(workspace, report);
        if (out == "-") {
            std::cout << html;
        } else {
            std::ofstream file(out, std::ios::binary | std::ios::trunc);
            file << html;
            if (!file) throw OutputError("cannot write " + out);
        }
        return workspace::RunOutcome::succeeded;
    });
    if (out != "-") std::cout << "wrote the report to " << out << '\n';
    return 0;
}

}  // namespace baton::app
