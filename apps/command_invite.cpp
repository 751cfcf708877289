// `baton invite [--expires-days N] [--out FILE]`: personal review-portal links for the mail merge; --admin,
// --revoke PERSON.
#include <fstream>
#include <iostream>

#include "apps/command.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "portal/invite.hpp"
#include "transform/plan.hpp"

namespace baton::app {

int run_invite(const Arguments& arguments) {
    po::options_description options("Options");
    add_common_options(options);
    options.add_options()("expires-days", po::value<int>()->default_value(30), "how many days the links work")(
        "out,o", po::value<std::string>()->default_value("invitations.csv"), "the CSV to write (- for stdout)")(
        "base-url", po::value<std::string>()->default_value("http://127.0.0.1:8088"),
        "the portal's address as people reach it")("admin", "create one admin link (printed, not in the CSV)")(
        "revoke", po::value<std::string>(), "withdraw every link of this person (login, key or e-mail; admin: admin links)");
    const auto values = parse_command_line(
        "invite", "[--expires-days N] [--out FILE] [--base-url URL] | --admin | --revoke PERSON [--workspace FILE]",
        "Creates one personal link to the review portal (`baton serve`) for every person with an owner or manager\n"
        "role in the latest plan, and writes them as CSV for the mail merge. Only a SHA-256 hash of each link's\n"
        "token is stored; a lost CSV cannot be recreated, run invite again (or revoke).",
        options, {}, arguments);
    if (!values) return 0;
    const int days = (*values)["expires-days"].as<int>();
    if (days < 1 || days > 366) throw UsageError("--expires-days takes 1 to 366 days");
    std::string base_url = (*values)["base-url"].as<std::string>();
    while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
    if (base_url.rfind("http://", 0) != 0 && base_url.rfind("https://", 0) != 0) {
        throw UsageError("--base-url must start with http:// or https://");
    }
    workspace::Workspace workspace(workspace_path(*values), workspace::Access::existing);
    const std::string out = (*values)["out"].as<std::string>();
    std::string summary;
    workspace::recorded_run(workspace, "invite", options_text(arguments), [&](std::int64_t run_id) {
        if (values->count("revoke") != 0) {
            const int revoked = portal::revoke(workspace, (*values)["revoke"].as<std::string>());
            summary = "revoked " + text::counted(revoked, "link");
        } else if (values->count("admin") != 0) {
            summary = "admin link (keep it to yourself; valid " + text::counted(days, "day") + "):\n" +
                      portal::invite_admin(workspace, base_url, days, run_id);
        } else {
            const auto plan_run = transform::require_plan_run(workspace);
            const auto invitations = portal::invite_people(workspace, plan_run, base_url, days, run_id);
            const std::string csv = portal::invitations_csv(invitations);
            if (out == "-") {
                std::cout << csv;
            } else {
                std::ofstream file(out, std::ios::binary | std::ios::trunc);
                file << csv;
                if (!file) throw OutputError("cannot write " + out);
            }
            summary = "invited " + text::counted(static_cast<std::int64_t>(invitations.size()), "person", "people") +
                      (out == "-" ? std::string() : " (links in " + out + ")");
        }
        return workspace::RunOutcome::succeeded;
    });
    (out == "-" && values->count("revoke") == 0 && values->count("admin") == 0 ? std::cerr : std::cout) << summary
                                                                                                       << '\n';
    return 0;
}

}  // namespace baton::app
