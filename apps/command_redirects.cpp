// `baton redirects`: the legacy-URL -> new-URL map of the current plan, as CSV and nginx and Apache rules.
#include <iostream>

#include "apps/command.hpp"
#include "convert/links/redirect_map.hpp"
#include "core/text.hpp"
#include "loaders/target_links.hpp"
#include "transform/plan.hpp"

namespace baton::app {

void add_target_scheme_options(po::options_description& options) {
    options.add_options()
        ("base-url", po::value<std::string>()->default_value(""),
         "the new platform's URL (https://collab.example.com); without it target URLs are site-relative")
        ("path-pattern", po::value<std::string>()->default_value(convert::TargetScheme{}.path_pattern),
         "an item's path on the new platform, with {community} and {slug}");
}

convert::TargetScheme target_scheme(const po::variables_map& values) {
    convert::TargetScheme scheme;
    scheme.base_url = values["base-url"].as<std::string>();
    scheme.path_pattern = values["path-pattern"].as<std::string>();
    scheme.validate();
    return scheme;
}

int run_redirects(const Arguments& arguments) {
    po::options_description options("Options");
    add_common_options(options);
    add_target_scheme_options(options);
    options.add_options()
        ("out", po::value<std::string>()->default_value("redirects"), "the folder to write the three files into")
        ("target,t", po::value<std::string>(),
         "redmine:URL: the map to the pages a Redmine load gives the items (--base-url: Redmine's public URL)")
        ("source", po::value<std::int64_t>()->default_value(0), "only this source's URLs (see `baton status`)");
    const auto values = parse_command_line(
        "redirects", "[--base-url URL] [--path-pattern PATTERN] [--target redmine:URL] [--out DIR] [--source ID] "
        "[--workspace FILE]",
        "Writes the redirect map of the current plan: every legacy URL of every migrated item (permalinks,\n"
        "?p= and ?page_id= links, wiki page URLs, doku.php?id=, Confluence /display/ and viewpage.action,\n"
        "static page paths) to the item's new URL, as DIR/redirects.csv, DIR/nginx.conf (for a server { }\n"
        "block) and DIR/apache.conf (mod_rewrite, for a virtual host or .htaccess).",
        options, {}, arguments);
    if (!values) return 0;
    const convert::TargetScheme scheme = target_scheme(*values);
    workspace::Workspace workspace(workspace_path(*values), workspace::Access::existing);
    const std::int64_t plan_run = transform::require_plan_run(workspace);
    convert::RedirectFiles files;
    const std::string out = (*values)["out"].as<std::string>();
    workspace::recorded_run(workspace, "redirects", options_text(arguments), [&](std::int64_t) {
        const std::string target = values->count("target") != 0 ? (*values)["target"].as<std::string>() : "";
        const auto index = load::target_link_index(workspace, plan_run, target, scheme);
        files = convert::write_redirect_files(workspace.db(), *index, (*values)["source"].as<std::int64_t>(), out);
        return workspace::RunOutcome::succeeded;
    });
    std::cout << "redirects (plan run " << plan_run << "): " << text::counted(files.redirects, "legacy URL")
              << " of " << text::counted(files.items, "item") << " written to " << out
              << "/redirects.csv, nginx.conf and apache.conf\n";
    return 0;
}

}  // namespace baton::app
