// `baton convert`: one document from a file or stdin to stdout, or every body of the workspace.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "apps/command.hpp"
#include "convert/convert_job.hpp"
#include "convert/links/redirect_map.hpp"
#include "core/error.hpp"
#include "core/progress.hpp"
#include "core/text.hpp"

namespace baton::app {

namespace {

std::string read_input(const std::string& path) {
    if (path.empty() || path == "-") {
        std::ostringstream text;
        text << std::cin.rdbuf();
        return text.str();
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) throw InputError(ExitCode::input_unreadable, {path, 0, 0}, "cannot open the file for reading");
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

int convert_one(const convert::ReaderKind& reader, const convert::WriterKind& writer, const std::string& path) {
    const std::string text = read_input(path);
    convert::Conversion conversion;
    try {
        conversion = convert::convert_text(text, reader, writer);
    } catch (const InputError& error) {
        SourcePosition position = error.position();
        position.file = path.empty() ? "(stdin)" : path;
        throw InputError(error.code(), position, error.problem());
    }
    std::cout << conversion.output;
    if (conversion.report.raw_nodes > 0) {
        std::cerr << "not converted (" << text::counted(static_cast<std::int64_t>(conversion.report.raw_nodes), "part")
                  << ", kept as raw):\n";
        for (const auto& reason : conversion.report.reasons) std::cerr << "  " << reason << '\n';
    }
    return 0;
}

}  // namespace

int run_convert(const Arguments& arguments) {
    po::options_description options("Options");
    add_common_options(options);
    add_target_scheme_options(options);
    options.add_options()
        ("from", po::value<std::string>(), ("convert one document read as this markup: " + convert::reader_names()).c_str())
        ("to", po::value<std::string>()->default_value("html"), ("the output: " + convert::writer_names()).c_str())
        ("source", po::value<std::int64_t>()->default_value(0), "workspace mode: only this source (see `baton status`)")
        ("file", po::value<std::string>()->default_value(""), "the document to convert with --from (default: stdin)")
        ("redirects", po::value<std::string>()->default_value("redirects"),
         "workspace mode with a plan: the folder the redirect map is written to (see `baton redirects`); '' for none");
    po::positional_options_description positional;
    positional.add("file", 1);
    const auto values = parse_command_line(
        "convert",
        "[--to html|markdown|tree] [--source ID] [--base-url URL] [--path-pattern P] [--redirects DIR]\n"
        "                     [--workspace FILE]  |  --from KIND [--to FORMAT] [FILE]",
        "Without --from: converts the body of every item of the workspace (each with the reader of its body\n"
        "format) into the table converted_bodies, counting per item what could not be converted; a malformed\n"
        "body is reported and skipped. Internal links are checked; when the workspace has a plan they are\n"
        "rewritten to the items' target URLs (--base-url, --path-pattern) and the redirect map is written.\n"
        "With --from: converts one document from FILE or stdin to stdout and lists what it could not convert\n"
        "on stderr; the workspace is not opened.",
        options, positional, arguments);
    if (!values) return 0;
    const std::string to = (*values)["to"].as<std::string>();
    const convert::WriterKind* writer = convert::find_writer(to);
    if (!writer) throw UsageError("unknown output format \"" + to + "\"", "--to takes " + convert::writer_names());
    if (values->count("from") != 0) {
        const std::string from = (*values)["from"].as<std::string>();
        const convert::ReaderKind* reader = convert::find_reader(from);
        if (!reader) throw UsageError("unknown input markup \"" + from + "\"", "--from takes " + convert::reader_names());
        return convert_one(*reader, *writer, (*values)["file"].as<std::string>());
    }
    if (!(*values)["file"].as<std::string>().empty()) {
        throw UsageError("a FILE is converted only with --from KIND", "e.g. `baton convert --from mediawiki --to "
                                                                      "markdown page.wiki`");
    }
    const convert::TargetScheme scheme = target_scheme(*values);
    workspace::Workspace workspace(workspace_path(*values), workspace::Access::existing);
    const std::int64_t source_id = (*values)["source"].as<std::int64_t>();
    if (source_id != 0) {
        const auto sources = workspace.sources();
        if (std::none_of(sources.begin(), sources.end(), [&](const auto& source) { return source.id == source_id; })) {
            throw UsageError("no source with id " + std::to_string(source_id), "`baton status` lists the sources");
        }
    }
    convert::ConvertSummary summary;
    convert::RedirectFiles redirects;
    const std::string redirects_out = (*values)["redirects"].as<std::string>();
    std::int64_t run = 0;
    workspace::recorded_run(workspace, "convert", options_text(arguments), [&](std::int64_t run_id) {
        run = run_id;
        Progress progress("convert " + to, 0);
        summary = convert::convert_workspace(workspace, run_id, *writer, source_id,
                                             [&](std::int64_t done, std::int64_t) {
                                                 progress.update(static_cast<std::uint64_t>(done), 0);
                                             },
                                             scheme);
        progress.finish();
        if (summary.plan_run > 0 && !redirects_out.empty()) {
            convert::LinkIndex index(workspace.db(), summary.plan_run, scheme);
            redirects = convert::write_redirect_files(workspace.db(), index, source_id, redirects_out);
        }
        return summary.failed > 0 ? workspace::RunOutcome::partial : workspace::RunOutcome::succeeded;
    });
    std::cout << "convert (run " << run << ", " << to << "): " << convert::describe_summary(summary) << '\n';
    if (summary.plan_run > 0 && !redirects_out.empty()) {
        std::cout << "redirects (plan run " << summary.plan_run << "): " << text::counted(redirects.redirects, "legacy URL")
                  << " of " << text::counted(redirects.items, "item") << " written to " << redirects_out
                  << "/redirects.csv, nginx.conf and apache.conf\n";
    }
    return 0;
}

}  // namespace baton::app
