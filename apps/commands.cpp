// The command registry and the option handling every command shares.
#include "apps/command.hpp"

#include <iostream>

#include "core/error.hpp"
#include "core/progress.hpp"
#include "workspace/workspace.hpp"

namespace baton::app {

const std::vector<Command>& commands() {
    static const std::vector<Command> list = {
        {"extract", "read legacy exports (KIND:PATH ...) into the workspace", &run_extract},
        {"status", "show what the workspace holds and how recent runs ended", &run_status},
        {"plan", "choose communities, owners and managers; write the plan into the workspace", &run_plan},
        {"load", "write the plan into the target platform (SQLite by default)", &run_load},
        {"rollback", "undo what one load run wrote into its target", &run_rollback},
        {"verify", "read the target back and compare it with the id map", &run_verify},
        {"messages", "list the per-item messages of the runs, with file and line", &run_messages},
        {"tasks", "write an onboarding checklist for every owner and manager", &run_tasks},
        {"report", "write a self-contained HTML report of the migration", &run_report},
        {"convert", "convert item bodies to clean, sanitised HTML or Markdown (or one document with --from)",
         &run_convert},
        {"invite", "create personal review-portal links for the mail merge (or revoke them)", &run_invite},
        {"serve", "run the review portal where proposed owners answer (HTTP, 127.0.0.1:8088)", &run_serve},
        {"redirects", "write the legacy-URL -> new-URL redirect map (CSV, nginx, Apache) of the current plan",
         &run_redirects},
        {"dump", "print a source's model as stable text (for review and golden tests)", &run_dump},
    };
    return list;
}

void add_common_options(po::options_description& options) {
    options.add_options()
        ("workspace,w", po::value<std::string>()->default_value(workspace::default_workspace_path),
         "the workspace file (SQLite)")
        ("progress", "always show a progress line on stderr")
        ("no-progress", "never show a progress line (the default off a terminal and in CI)")
        ("help,h", "show this help");
}

std::optional<po::variables_map> parse_command_line(std::string_view command, std::string_view usage,
                                                    std::string_view description,
                                                    const po::options_description& options,
                                                    const po::positional_options_description& positional,
                                                    const Arguments& arguments) {
    po::variables_map values;
    try {
        po::store(po::command_line_parser(arguments).options(options).positional(positional).run(), values);
        if (values.count("help") != 0) {
            std::cout << "usage: baton " << command << ' ' << usage << "\n\n" << description << "\n\n" << options;
            return std::nullopt;
        }
        po::notify(values);
    } catch (const po::error& error) {
        throw UsageError(std::string(error.what()), "see `baton " + std::string(command) + " --help`");
    }
    if (values.count("progress") != 0) Progress::set_override(1);
    if (values.count("no-progress") != 0) Progress::set_override(0);
    return values;
}

std::string options_text(const Arguments& arguments) {
    std::string text;
    for (const auto& argument : arguments) text += (text.empty() ? "" : " ") + argument;
    return text;
}

std::string workspace_path(const po::variables_map& values) { return values["workspace"].as<std::string>(); }

}  // namespace baton::app
