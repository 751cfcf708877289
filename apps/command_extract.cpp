// `baton extract KIND:PATH...`: read legacy exports into the workspace, one recorded run per source.
#include <algorithm>
#include <iostream>

#include "apps/command.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "extractors/csv/column_mapping.hpp"
#include "extractors/extract_job.hpp"
#include "extractors/extractor.hpp"
#include "transform/mapping/mapping_reader.hpp"

namespace baton::app {
namespace {

std::string kinds_description() {
    std::string text = "Reads each legacy export into the workspace. Source kinds:\n";
    for (const auto& kind : extract::extractor_kinds()) {
        text += "  " + std::string(kind.name) + ": " + std::string(kind.description) + '\n';
    }
    return text + "Re-extracting the same export changes nothing; a newer export of the same site updates\n"
                  "changed items, restores returned ones and marks missing ones as removed.";
}

void print_summary(const extract::SourceSpec& spec, const extract::ExtractResult& result) {
    const auto& counts = result.counts;
    std::cout << "extracted " << spec.kind << ':' << spec.path << " (source " << result.source_id << ", "
              << (result.source.title.empty() ? result.source.key : result.source.title)
              << "): " << text::counted(counts.items, "item") << " (" << counts.created << " new, " << counts.updated
              << " updated, " << counts.unchanged << " unchanged, " << counts.restored << " restored, "
              << counts.removed << " removed"
              << (counts.skipped > 0 ? ", " + text::counted(counts.skipped, "exact copy", "exact copies") + " skipped"
                                     : std::string())
              << "), " << text::counted(counts.new_people, "new person", "new people") << ", "
              << text::counted(counts.new_containers, "new container") << "; " << text::counted(counts.warnings, "warning")
              << ", " << text::counted(counts.errors, "error") << '\n';
}

}  // namespace

int run_extract(const Arguments& arguments) {
    po::options_description options("Options");
    add_common_options(options);
    options.add_options()("source", po::value<std::vector<std::string>>(), "KIND:PATH to read (one or more)")(
        "partial", "the exports hold part of their site (a few pages, one category): items they lack are not "
                   "marked as removed")(
        "columns", po::value<std::string>(),
        "csv: sources: which column holds which field, FIELD=COLUMN,... with FIELD one of title, body, author, "
        "created, modified, container, id (e.g. \"title=Title,author=Created By\")")(
        "mapping", po::value<std::string>(),
        "a mapping file whose <sources> section says how csv: sources are read (--columns, when given, wins)");
    po::positional_options_description positional;
    positional.add("source", -1);
    const auto values = parse_command_line("extract", "KIND:PATH... [--workspace FILE]", kinds_description(), options,
                                           positional, arguments);
    if (!values) return 0;
    if (values->count("source") == 0) {
        throw UsageError("name at least one export to read as KIND:PATH", "for example: baton extract wxr:export.xml");
    }

    std::vector<extract::SourceSpec> specs;
    std::vector<std::pair<std::string, std::string>> columns;
    const std::string columns_option = values->count("columns") != 0 ? (*values)["columns"].as<std::string>() : "";
    if (!columns_option.empty()) columns = extract::csv::parse_columns_option(columns_option);
    const std::string mapping_file = values->count("mapping") != 0 ? (*values)["mapping"].as<std::string>() : "";
    if (!mapping_file.empty() && columns.empty()) {
        columns = transform::mapping::read_mapping(mapping_file).sources.csv_columns;
    }
    for (const auto& text : (*values)["source"].as<std::vector<std::string>>()) {
        specs.push_back(extract::parse_source_spec(text));
        specs.back().partial = values->count("partial") != 0;
        if (specs.back().kind == "csv") specs.back().options.columns = columns;
    }
    if (!columns_option.empty() &&
        std::none_of(specs.begin(), specs.end(), [](const auto& spec) { return spec.kind == "csv"; })) {
        throw UsageError("--columns applies to csv: sources, and none is given", "for example: baton extract csv:list.csv "
                                                                                 "--columns \"title=Title\"");
    }
    workspace::Workspace workspace(workspace_path(*values), workspace::Access::create);
    int exit_code = 0;
    for (const auto& spec : specs) {
        try {
            extract::ExtractResult result;
            std::string run_options = spec.partial ? "--partial " : "";
            if (spec.kind == "csv" && !columns_option.empty()) run_options += "--columns " + columns_option + " ";
            if (spec.kind == "csv" && columns_option.empty() && !mapping_file.empty()) {
                run_options += "--mapping " + mapping_file + " ";
            }
            run_options += spec.kind + ':' + spec.path;
            workspace::recorded_run(workspace, "extract", run_options, [&](std::int64_t run_id) {
                result = extract::extract_into_workspace(workspace, run_id, spec);
                return result.outcome;
            });
            print_summary(spec, result);
        } catch (const InputError& error) {
            // Report and go on with the next source; the first failure decides the exit code.
            std::cerr << "baton extract: error: " << error.what() << '\n';
            if (!error.hint().empty()) std::cerr << "hint: " << error.hint() << '\n';
            if (exit_code == 0) exit_code = static_cast<int>(error.code());
        }
    }
    return exit_code;
}

}  // namespace baton::app
