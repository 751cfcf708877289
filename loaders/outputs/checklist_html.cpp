// A person's onboarding checklist as one self-contained HTML page (no scripts, no outside resources).
#include "loaders/outputs/checklist_html.hpp"

#include <sstream>

#include "core/text.hpp"

namespace baton::load {
namespace {

constexpr const char* style =
    "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;"
    "color:#222}h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ddd}"
    ".why{color:#555}ol{padding-left:1.2rem}li.task{margin:.8rem 0}.due{color:#555;font-size:.9rem}"
    ".high{color:#a40000;font-weight:bold}.done .title{text-decoration:line-through}"
    "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.3rem .6rem;text-align:left}";

std::string page(const std::string& title, const std::string& body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
           text::html_escape(title) + "</title>\n<style>" + style + "</style>\n</head>\n<body>\n" + body +
           "</body>\n</html>\n";
}

bool web_link(const std::string& url) {
    return (url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0) &&
           url.find_first_of(" \t\"'<>") == std::string::npos;
}

// One line of a description: escaped, with "<http://...>" turned into a link.
std::string line_html(const std::string& line) {
    std::string html;
    std::size_t at = 0;
    while (true) {
        const auto open = line.find('<', at);
        const auto close = open == std::string::npos ? std::string::npos : line.find('>', open);
        if (close == std::string::npos) break;
        const std::string url = line.substr(open + 1, close - open - 1);
        html += text::html_escape(line.substr(at, open - at));
        if (web_link(url)) {
            html += "<a href=\"" + text::html_escape(url) + "\">" + text::html_escape(url) + "</a>";
        } else {
            html += text::html_escape(line.substr(open, close - open + 1));
        }
        at = close + 1;
    }
    return html + text::html_escape(line.substr(at));
}

// Lines starting "- " become a list; the others paragraphs.
std::string description_html(const std::string& description) {
    std::istringstream lines(description);
    std::string line;
    std::string html;
    bool in_list = false;
    while (std::getline(lines, line)) {
        const bool item = line.rfind("- ", 0) == 0;
        if (item && !in_list) html += "<ul>\n";
        if (!item && in_list) html += "</ul>\n";
        in_list = item;
        html += item ? "<li>" + line_html(line.substr(2)) + "</li>\n" : "<p>" + line_html(line) + "</p>\n";
    }
    if (in_list) html += "</ul>\n";
    return html;
}

}  // namespace

std::string checklist_as_html(const Checklist& checklist, const GoLive& go_live) {
    std::ostringstream body;
    body << "<h1>Onboarding checklist for " << text::html_escape(checklist.display_name) << "</h1>\n";
    body << "<p>Thank you for keeping the old intranet alive. Its content is moving to the new platform on "
         << transform::tasks::iso_date(go_live.date)
         << ", and the history shows you know parts of it better than anyone, so you are proposed to run "
         << (checklist.assignments.size() == 1 ? "this community" : "these communities") << ".</p>\n";
    if (!checklist.review_link.empty()) {  // an http(s) address (attach_review_links takes no other)
        body << "<p class=\"review\">See what is proposed for you, and accept, decline or name someone else: <a href=\""
             << text::html_escape(checklist.review_link) << "\">" << text::html_escape(checklist.review_link)
             << "</a></p>\n";
    }
    for (const auto& assignment : checklist.assignments) {
        body << "<h2>" << text::html_escape(assignment.community.name) << " ("
             << text::html_escape(assignment.role) << ")</h2>\n";
        body << "<p class=\"why\">Why you: you " << text::html_escape(assignment.reason) << ".</p>\n<ol>\n";
        for (const auto& task : assignment.tasks) {
            body << "<li class=\"task" << (task.status == "done" ? " done" : "") << "\" id=\""
                 << text::html_escape(task.code + "-" + assignment.community.slug) << "\">"
                 << "<label><input type=\"checkbox\"" << (task.status == "done" ? " checked" : "") << "> "
                 << "<strong class=\"title\">" << text::html_escape(task.title) << "</strong></label>"
                 << "<br><span class=\"due\">due " << task.due_date << " ("
                 << text::html_escape(task.when) << ")"
                 << (task.priority == "high" ? " <span class=\"high\">high priority</span>" : "")
                 << (task.priority == "low" ? ", low priority" : "")
                 << (task.status == "open" ? "" : ", " + text::html_escape(task.status)) << "</span>\n"
                 << description_html(task.description) << "</li>\n";
        }
        body << "</ol>\n";
    }
    return page("Onboarding checklist for " + checklist.display_name, body.str());
}

std::string checklist_index_html(const std::vector<Checklist>& checklists, const GoLive& go_live) {
    std::ostringstream body;
    body << "<h1>Onboarding checklists</h1>\n<p>Go-live: " << transform::tasks::iso_date(go_live.date)
         << ".</p>\n<table>\n<tr><th>person</th><th>communities</th><th>tasks</th><th>checklist</th></tr>\n";
    for (const auto& checklist : checklists) {
        const auto [communities, tasks] = summarize(checklist);
        body << "<tr><td>" << text::html_escape(checklist.display_name) << "</td><td>"
             << text::html_escape(communities) << "</td><td>" << tasks << "</td><td><a href=\""
             << text::html_escape(checklist.file_stem) << ".html\">" << text::html_escape(checklist.file_stem)
             << ".html</a></td></tr>\n";
    }
    body << "</table>\n";
    return page("Onboarding checklists", body.str());
}

}  // namespace baton::load
