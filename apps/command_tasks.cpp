// `baton tasks`: onboarding checklists, calendars and welcome e-mails for every owner and manager, and their progress.
#include <iostream>

#include "apps/command.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "loaders/outputs/checklists.hpp"
#include "loaders/outputs/progress_import.hpp"
#include "loaders/outputs/progress_report.hpp"
#include "loaders/outputs/review_links.hpp"
#include "loaders/outputs/welcome_mail.hpp"
#include "transform/plan.hpp"

namespace baton::app {
namespace {

std::string counted(std::size_t count, const char* noun, const char* plural = "") {
    return text::counted(static_cast<std::int64_t>(count), noun, plural);
}

int import_progress(workspace::Workspace& workspace, std::int64_t plan_run, const Arguments& arguments,
                    const std::string& path) {
    load::ProgressImport imported;
    workspace::recorded_run(workspace, "tasks", options_text(arguments), [&](std::int64_t run) {
        if (path.rfind("sqlite:", 0) == 0) {
            imported = load::import_progress_from_sqlite_target(workspace, plan_run, path.substr(7));
        } else if (path.rfind("redmine:", 0) == 0) {
            imported = load::import_progress_from_redmine(workspace, plan_run, path.substr(8));
        } else {
            imported = load::import_progress_csv(workspace, plan_run, path);
        }
        for (const auto& problem : imported.problems) {
            model::Message message;
            message.severity = model::Severity::warning;
            message.code = "tasks.bad-progress-row";
            message.text = problem;
            workspace.record_message(run, 0, message);
        }
        return workspace::RunOutcome::succeeded;
    });
    for (const auto& problem : imported.problems) std::cerr << "baton tasks: warning: " << problem << '\n';
    std::cout << "imported " << path << ": " << counted(static_cast<std::size_t>(imported.rows), "row") << ", "
              << imported.changed << " changed, " << imported.unchanged << " unchanged, "
              << counted(imported.problems.size(), "row") << " skipped\n";
    return 0;
}

}  // namespace

int run_tasks(const Arguments& arguments) {
    po::options_description options("Options");
    options.add_options()
        ("workspace,w", po::value<std::string>()->default_value(workspace::default_workspace_path),
         "the workspace file (SQLite)")
        ("no-progress", "never show a progress line (the default off a terminal and in CI)")
        ("help,h", "show this help")
        ("format,f", po::value<std::string>()->default_value("all"),
         "comma-separated: md, html, csv, json, ics, eml; or all")
        ("out,o", po::value<std::string>()->default_value("tasks"), "the folder to write into")
        ("go-live", po::value<std::string>(), "the go-live date YYYY-MM-DD due dates count from (default: today)")
        ("from", po::value<std::string>()->default_value("baton@localhost"), "the sender of the welcome e-mails")
        ("send", po::value<std::string>(), "also send the welcome e-mails through smtp://HOST:PORT")
        ("invitations", po::value<std::string>(),
         "the CSV of `baton invite --out FILE`: each person's review-portal link in their checklists and e-mail")
        ("progress", "show completion per person and community and the communities at risk (writes no files)")
        ("as-of", po::value<std::string>(), "with --progress: the day overdue is measured on (default: today)")
        ("import-progress", po::value<std::string>(),
         "read task statuses from an edited tasks CSV, from the SQLite target (sqlite:FILE) or from the "
         "issues of a Redmine target (redmine:URL, API key as for load), into the workspace (writes no files)");
    const auto values = parse_command_line(
        "tasks",
        "[--format LIST] [--out DIR] [--go-live DATE] [--from ADDRESS] [--send smtp://HOST:PORT]\n"
        "       [--invitations FILE.csv]\n"
        "       [--progress [--as-of DATE]] [--import-progress FILE.csv|sqlite:FILE|redmine:URL]\n"
        "       [--workspace FILE]",
        "Writes the current plan's onboarding tasks: for each person, the communities proposed to them,\n"
        "why they were chosen, and their tasks in order with due dates counted from go-live; as Markdown,\n"
        "HTML, CSV, JSON, iCalendar and a welcome e-mail. --progress and --import-progress follow them up.",
        options, {}, arguments);
    if (!values) return 0;
    const auto value = [&](const char* name) {
        return values->count(name) != 0 ? (*values)[name].as<std::string>() : std::string();
    };
    workspace::Workspace workspace(workspace_path(*values), workspace::Access::existing);
    const std::int64_t plan_run = transform::require_plan_run(workspace);
    const bool report = values->count("progress") != 0;
    const std::string import_file = value("import-progress");
    if (!import_file.empty()) {
        import_progress(workspace, plan_run, arguments, import_file);
        if (!report) return 0;
    }
    if (report) {
        const std::string as_of = value("as-of").empty() ? transform::tasks::iso_date(transform::tasks::today_utc())
                                                         : value("as-of");
        if (!transform::tasks::parse_date(as_of)) {
            throw UsageError("--as-of " + as_of + " is not a date", "give the date as YYYY-MM-DD");
        }
        const auto go_live = load::go_live_of(workspace, plan_run, value("go-live"));
        const auto checklists = load::collect_checklists(workspace, plan_run, value("go-live"));
        std::cout << load::progress_report_text(load::progress_report(workspace, checklists, go_live, as_of));
        return 0;
    }
    load::WrittenTaskLists written;
    std::size_t sent = 0;
    workspace::recorded_run(workspace, "tasks", options_text(arguments), [&](std::int64_t) {
        load::TaskListOptions list_options;
        list_options.formats = value("format");
        list_options.from = value("from");
        list_options.go_live = load::go_live_of(workspace, plan_run, value("go-live"));
        (void)load::task_list_formats(list_options.formats);  // a usage error before anything is written
        if (!value("send").empty()) (void)load::parse_smtp_url(value("send"));
        auto checklists = load::collect_checklists(workspace, plan_run, value("go-live"));
        if (!value("invitations").empty()) {
            const auto links = load::attach_review_links(checklists, value("invitations"));
            for (const auto& problem : links.problems) std::cerr << "baton: " << problem << '\n';
            std::cout << "review links for " << counted(links.attached, "person", "people") << " from "
                      << value("invitations") << "\n";
        }
        written = load::write_task_lists(checklists, list_options, value("out"));
        if (!value("send").empty()) sent = load::send_welcome_mails(checklists, list_options, value("send"));
        return workspace::RunOutcome::succeeded;
    });
    std::cout << "wrote " << counted(written.tasks, "task") << " for " << counted(written.people, "person", "people")
              << " into " << value("out") << " (" << counted(written.files.size(), "file") << ")\n";
    if (written.without_email > 0) {
        std::cout << counted(written.without_email, "person", "people")
                  << " without a usable e-mail address got no welcome e-mail\n";
    }
    if (!value("send").empty()) std::cout << "sent " << counted(sent, "welcome e-mail") << " through " << value("send") << "\n";
    return 0;
}

}  // namespace baton::app
