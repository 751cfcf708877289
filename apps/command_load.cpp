// `baton load [--target KIND:LOCATION] [--dry-run] [subsets] [pacing]`: write the current plan into the target.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <regex>

#include "apps/command.hpp"
#include "convert/links/redirect_map.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "loaders/loader.hpp"
#include "loaders/target_links.hpp"
#include "transform/plan.hpp"

namespace baton::app {
namespace {

void print_counts(const char* what, const load::LoadCounts& counts, bool dry_run) {
    std::cout << "  " << what << ": " << counts.created << (dry_run ? " to create, " : " created, ") << counts.updated
              << (dry_run ? " to update, " : " updated, ") << counts.unchanged << " unchanged";
    if (counts.skipped > 0) std::cout << ", " << counts.skipped << " skipped";
    if (counts.failed > 0) std::cout << ", " << counts.failed << " failed";
    if (counts.conflicts > 0) std::cout << ", " << counts.conflicts << " conflicts";
    if (counts.deleted > 0) std::cout << ", " << counts.deleted << (dry_run ? " to remove" : " removed");
    std::cout << '\n';
}

std::vector<std::string> split_keys(const std::vector<std::string>& values) {
    std::vector<std::string> keys;
    for (const auto& value : values) {
        std::size_t start = 0;
        while (start <= value.size()) {
            const auto comma = value.find(',', start);
            const std::string key = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (!key.empty()) keys.push_back(key);
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    return keys;
}

bool valid_date(const std::string& text) {
    static const std::regex pattern(R"(\d{4}-\d{2}-\d{2})");
    if (!std::regex_match(text, pattern)) return false;
    const std::chrono::year_month_day date{std::chrono::year{std::stoi(text.substr(0, 4))},
                                           std::chrono::month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
                                           std::chrono::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
    return date.ok();
}

load::LoadOptions load_options(const po::variables_map& values) {
    load::LoadOptions options;
    options.dry_run = values.count("dry-run") != 0;
    if (values.count("community") != 0) options.communities = values["community"].as<std::vector<std::string>>();
    options.limit = values["limit"].as<std::int64_t>();
    if (options.limit < 0) throw UsageError("--limit must be 0 (no limit) or more");
    if (values.count("ids") != 0) {
        options.item_keys = split_keys(values["ids"].as<std::vector<std::string>>());
        if (options.item_keys.empty()) throw UsageError("--ids needs at least one item key");
    }
    options.deleted_policy = values["deleted"].as<std::string>();
    if (options.deleted_policy != "archive" && options.deleted_policy != "delete" && options.deleted_policy != "keep") {
        throw UsageError("--deleted must be archive, delete or keep, not \"" + options.deleted_policy + "\"");
    }
    options.rate = values["rate"].as<double>();
    if (!(options.rate >= 0)) throw UsageError("--rate must be 0 (no cap) or a positive number of writes per second");
    options.concurrency = values["concurrency"].as<int>();
    if (options.concurrency < 1 || options.concurrency > 64) throw UsageError("--concurrency must be 1 to 64");
    if (values.count("go-live") != 0) {
        options.go_live = values["go-live"].as<std::string>();
        if (!valid_date(options.go_live)) {
            throw UsageError("--go-live must be a date as YYYY-MM-DD, not \"" + options.go_live + "\"");
        }
    }
    const convert::TargetScheme scheme = target_scheme(values);
    options.base_url = scheme.base_url;
    options.path_pattern = scheme.path_pattern;
    return options;
}

// Where the redirect map goes: --redirects DIR when given ("" for none); else beside the target, PATH's folder /
// STEM-redirects for sqlite:PATH, and for redmine:URL (whose pages have no file to sit beside) redmine-redirects
// beside the workspace file.
std::filesystem::path redirects_folder(const po::variables_map& values) {
    if (values.count("redirects") != 0) return values["redirects"].as<std::string>();
    const std::string target_spec = values["target"].as<std::string>();
    constexpr std::string_view sqlite_prefix = "sqlite:";
    if (target_spec.starts_with(sqlite_prefix)) {
        const std::filesystem::path file = target_spec.substr(sqlite_prefix.size());
        return file.parent_path() / (file.stem().string() + "-redirects");
    }
    if (target_spec.starts_with("redmine:")) {
        return std::filesystem::path(workspace_path(values)).parent_path() / "redmine-redirects";
    }
    return {};
}

}  // namespace

int run_load(const Arguments& arguments) {
    po::options_description options("Options");
    add_common_options(options);
    add_target_scheme_options(options);
    options.add_options()("target,t", po::value<std::string>()->default_value("sqlite:platform.db"),
                          "where to load: sqlite:PATH (the embedded default) or redmine:URL")(
        "dry-run,n", "walk the whole load and report what it would do; write nothing, anywhere")(
        "community", po::value<std::vector<std::string>>(), "load only this community (by slug; repeatable)")(
        "limit", po::value<std::int64_t>()->default_value(0), "load only the first N content items (0: all)")(
        "ids", po::value<std::vector<std::string>>(), "load only these items: KEY,... (item keys, e.g. post:45)")(
        "deleted", po::value<std::string>()->default_value("archive"),
        "what happens to loaded items the plan no longer has: archive, delete or keep")(
        "rate", po::value<double>()->default_value(0), "at most this many target writes per second (0: no cap)")(
        "concurrency", po::value<int>()->default_value(1), "parallel writes where the target allows them")(
        "go-live", po::value<std::string>(), "the go-live date (YYYY-MM-DD) onboarding task due dates count from")(
        "redirects", po::value<std::string>(),
        "the folder the redirect map is written to ('' for none; default: beside the target, see the docs)");
    const auto values = parse_command_line(
        "load", "[--target KIND:LOCATION] [--dry-run] [--community SLUG ...] [--limit N] [--ids KEY,...] [options]",
        "Writes the plan's communities, members with their roles, content, comments and onboarding tasks\n"
        "into the target. Every object is found again by its legacy key, so loading twice creates nothing twice;\n"
        "objects edited in the target since baton wrote them are not overwritten but reported as conflicts.",
        options, {}, arguments);
    if (!values) return 0;
    load::LoadOptions load_options_value = load_options(*values);
    workspace::Workspace workspace(workspace_path(*values), workspace::Access::existing);
    const std::int64_t plan_run = transform::require_plan_run(workspace);
    auto loader = load::create_loader((*values)["target"].as<std::string>());
    load::LoadResult result;
    const std::filesystem::path redirects = redirects_folder(*values);
    if (!load_options_value.dry_run) load_options_value.redirects = redirects.string();
    convert::RedirectFiles redirect_files;
    workspace::recorded_run(workspace, "load", options_text(arguments), [&](std::int64_t run_id) {
        result = loader->load(workspace, plan_run, run_id, load_options_value);
        if (result.redirects) {
            redirect_files = *result.redirects;
        } else if (!load_options_value.redirects.empty()) {
            const auto index = load::target_link_index(workspace, plan_run, (*values)["target"].as<std::string>(),
                                                       target_scheme(*values));
            redirect_files = convert::write_redirect_files(workspace.db(), *index, 0, redirects);
        }
        const std::int64_t failed = result.communities.failed + result.users.failed + result.memberships.failed +
                                    result.content.failed + result.comments.failed + result.tasks.failed;
        return failed > 0 ? workspace::RunOutcome::partial : workspace::RunOutcome::succeeded;
    });
    const bool dry = load_options_value.dry_run;
    std::cout << (dry ? "dry run: nothing written; loading plan " : "loaded plan ") << plan_run
              << (dry ? " into " : " into ") << result.target << (dry ? " would do" : "") << '\n';
    print_counts("communities", result.communities, dry);
    print_counts("users", result.users, dry);
    print_counts("memberships", result.memberships, dry);
    print_counts("content", result.content, dry);
    print_counts("comments", result.comments, dry);
    print_counts("tasks", result.tasks, dry);
    if (result.bodies_reused + result.bodies_converted > 0) {
        std::cout << "bodies: " << result.bodies_reused << " reused from baton convert, " << result.bodies_converted
                  << " converted by this load\n";
    }
    if (!dry && !redirects.empty()) {
        std::cout << "redirects: " << text::counted(redirect_files.redirects, "legacy URL") << " of "
                  << text::counted(redirect_files.items, "item") << " written to " << redirects.string()
                  << "/redirects.csv, nginx.conf and apache.conf\n";
    }
    return 0;
}

}  // namespace baton::app
