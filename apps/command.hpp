// The baton command's verbs: one function per verb, one registry (commands.cpp), shared option helpers.
#pragma once

#include <boost/program_options.hpp>

#include "convert/links/target_scheme.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baton::app {

namespace po = boost::program_options;

using Arguments = std::vector<std::string>;

struct Command {
    std::string_view name;
    std::string_view summary;
    int (*run)(const Arguments& arguments);
};

[[nodiscard]] const std::vector<Command>& commands();

// Options every command takes: --workspace, --progress/--no-progress, --help.
void add_common_options(po::options_description& options);

// Parses `arguments`; prints help and returns nullopt for --help. Throws UsageError on bad options.
[[nodiscard]] std::optional<po::variables_map> parse_command_line(
    std::string_view command, std::string_view usage, std::string_view description,
    const po::options_description& options, const po::positional_options_description& positional,
    const Arguments& arguments);

// The options as given, for the run log ("--target sqlite:platform.db").
[[nodiscard]] std::string options_text(const Arguments& arguments);

[[nodiscard]] std::string workspace_path(const po::variables_map& values);

int run_extract(const Arguments& arguments);
int run_status(const Arguments& arguments);
int run_plan(const Arguments& arguments);
int run_load(const Arguments& arguments);
int run_rollback(const Arguments& arguments);
int run_verify(const Arguments& arguments);
int run_messages(const Arguments& arguments);
int run_tasks(const Arguments& arguments);
int run_report(const Arguments& arguments);
int run_dump(const Arguments& arguments);
int run_convert(const Arguments& arguments);
int run_serve(const Arguments& arguments);
int run_invite(const Arguments& arguments);
int run_redirects(const Arguments& arguments);

// --base-url and --path-pattern (convert, redirects), and the scheme they give (UsageError when invalid).
void add_target_scheme_options(po::options_description& options);
[[nodiscard]] convert::TargetScheme target_scheme(const po::variables_map& values);

}  // namespace baton::app
