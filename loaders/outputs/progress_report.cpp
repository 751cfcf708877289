// `baton tasks --progress`: completion per person and per community, and the communities at risk.
#include "loaders/outputs/progress_report.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "core/text.hpp"

namespace baton::load {
namespace {

struct Decision {
    std::string decision;
    std::string note;
};

// The latest decision per (person, community slug).
std::map<std::pair<std::int64_t, std::string>, Decision> latest_decisions(workspace::Workspace& workspace) {
    std::map<std::pair<std::int64_t, std::string>, Decision> decisions;
    auto select = workspace.db().prepare(
        "SELECT person_id, community_slug, decision, coalesce(note, '') FROM owner_decisions ORDER BY id");
    while (select.step()) decisions[{select.column_int(0), select.column_text(1)}] = {select.column_text(2), select.column_text(3)};
    return decisions;
}

std::string percent(const Completion& completion) {
    if (completion.total == 0) return "-";
    return std::to_string(completion.done * 100 / completion.total) + "%";
}

void count(Completion& completion, const ChecklistTask& task, const std::string& as_of) {
    if (task.status == "declined") return;
    ++completion.total;
    if (task.status == "done") {
        ++completion.done;
    } else if (task.due_date < as_of) {
        ++completion.overdue;
    }
}

}  // namespace

ProgressReport progress_report(workspace::Workspace& workspace, const std::vector<Checklist>& checklists,
                               const GoLive& go_live, const std::string& as_of) {
    ProgressReport report;
    report.as_of = as_of;
    report.go_live = transform::tasks::iso_date(go_live.date);
    const auto decisions = latest_decisions(workspace);
    std::map<std::string, Completion> communities;  // by slug
    std::map<std::string, CommunityAtRisk> risks;
    for (const auto& checklist : checklists) {
        Completion person{checklist.display_name, checklist.person_key, 0, 0, 0};
        for (const auto& assignment : checklist.assignments) {
            const auto& slug = assignment.community.slug;
            Completion& community = communities[slug];
            community.name = assignment.community.name;
            community.key = slug;
            Completion mine{};
            bool answered = false;
            for (const auto& task : assignment.tasks) {
                count(person, task, as_of);
                count(community, task, as_of);
                count(mine, task, as_of);
                answered = answered || task.status != "open";
            }
            if (assignment.role != "owner") continue;
            CommunityAtRisk& risk = risks[slug];
            risk.name = assignment.community.name;
            risk.slug = slug;
            const auto decision = decisions.find({checklist.person_id, slug});
            const bool declined_task = std::any_of(assignment.tasks.begin(), assignment.tasks.end(), [](const auto& t) {
                return t.code == "accept-role" && t.status == "declined";
            });
            if (decision != decisions.end() && decision->second.decision != "accept") {
                risk.reasons.push_back("the owner " + checklist.display_name +
                                       (decision->second.decision == "nominate" ? " declined and nominated someone else"
                                                                                : " declined the role") +
                                       (decision->second.note.empty() ? "" : " (\"" + decision->second.note + "\")"));
            } else if (declined_task) {
                risk.reasons.push_back("the owner " + checklist.display_name + " declined the role (accept-role task)");
            } else if (decision == decisions.end() && !answered && mine.overdue > 0) {
                risk.reasons.push_back("the owner " + checklist.display_name + " is silent: no answer and " +
                                       text::counted(mine.overdue, "overdue task"));
            }
        }
        report.people.push_back(person);
    }
    for (auto& [slug, community] : communities) {
        report.communities.push_back(community);
        if (community.overdue > 0) risks[slug].reasons.push_back(text::counted(community.overdue, "overdue task"));
        risks[slug].name = community.name;
        risks[slug].slug = slug;
    }
    std::sort(report.communities.begin(), report.communities.end(),
              [](const auto& a, const auto& b) { return std::tie(a.name, a.key) < std::tie(b.name, b.key); });
    for (auto& [slug, risk] : risks) {
        if (!risk.reasons.empty()) report.at_risk.push_back(std::move(risk));
    }
    std::sort(report.at_risk.begin(), report.at_risk.end(),
              [](const auto& a, const auto& b) { return std::tie(a.name, a.slug) < std::tie(b.name, b.slug); });
    return report;
}

std::string progress_report_text(const ProgressReport& report) {
    std::ostringstream out;
    out << "progress on " << report.as_of << " (go-live " << report.go_live << ")\n\npeople:\n";
    const auto row = [&](const Completion& c) {
        out << "  " << c.name << ": " << c.done << "/" << c.total << " done (" << percent(c) << ")";
        if (c.overdue > 0) out << ", " << c.overdue << " overdue";
        out << "\n";
    };
    for (const auto& person : report.people) row(person);
    out << "\ncommunities:\n";
    for (const auto& community : report.communities) row(community);
    out << "\nat risk: " << (report.at_risk.empty() ? "none" : text::counted(static_cast<std::int64_t>(report.at_risk.size()), "community", "communities")) << "\n";
    for (const auto& risk : report.at_risk) {
        out << "  " << risk.name << ":";
        for (std::size_t i = 0; i < risk.reasons.size(); ++i) out << (i == 0 ? " " : "; ") << risk.reasons[i];
        out << "\n";
    }
    return out.str();
}

}  // namespace baton::load
