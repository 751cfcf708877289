// Reads a mapping's <tasks> section (already checked against the schema) into task templates.
#include "transform/mapping/task_templates_reader.hpp"

#include <algorithm>
#include <sstream>
#include <string_view>

#include "core/error.hpp"
#include "core/text.hpp"
#include "transform/mapping/xml_nodes.hpp"
#include "transform/tasks/due_dates.hpp"

namespace baton::transform::mapping {
namespace {

[[noreturn]] void fail(const std::string& file, std::int64_t line, const std::string& problem) {
    throw InputError(ExitCode::mapping, {file, line, 0}, problem,
                     "docs/mapping-format.md#tasks describes the <tasks> section");
}

// An element's text with each line's surrounding blanks removed, so indented descriptions read as written.
std::string text_of(const xmlNode* node) {
    xmlChar* value = xmlNodeGetContent(node);
    if (value == nullptr) return {};
    std::istringstream lines(reinterpret_cast<const char*>(value));
    xmlFree(value);
    std::string line;
    std::string result;
    bool first = true;
    while (std::getline(lines, line)) {
        line = text::trim(line);
        if (first && line.empty()) continue;
        result += (first ? "" : "\n") + line;
        first = false;
    }
    return text::trim(result);
}

std::vector<std::string> words_of(const std::string& value) {
    std::istringstream in(value);
    std::vector<std::string> words;
    for (std::string word; in >> word;) words.push_back(word);
    return words;
}

tasks::TaskTemplate read_task(const xmlNode* node, const std::string& file,
                              const std::vector<tasks::TaskTemplate>& before) {
    tasks::TaskTemplate task;
    task.line = xmlGetLineNo(node);
    task.code = attribute(node, "code");
    for (const auto& earlier : before) {
        if (earlier.code == task.code) {
            fail(file, task.line, "task code \"" + task.code + "\" is declared twice (also line " +
                                      std::to_string(earlier.line) + ")");
        }
    }
    task.roles = words_of(attribute(node, "roles"));
    task.due_offset_days = std::stoi(attribute(node, "due"));
    if (has_attribute(node, "priority")) task.priority = attribute(node, "priority");
    for (const auto& code : words_of(attribute(node, "depends-on"))) {
        const bool declared = std::any_of(before.begin(), before.end(), [&](const auto& t) { return t.code == code; });
        if (!declared) {
            fail(file, task.line, "task \"" + task.code + "\" depends on \"" + code +
                                      "\", which is not a task declared before it");
        }
        task.depends_on.push_back(code);
    }
    if (const auto problem = tasks::parse_condition(attribute(node, "when"), task.condition)) {
        fail(file, task.line, "the condition when=\"" + attribute(node, "when") + "\" of task \"" + task.code +
                                  "\": " + *problem);
    }
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        std::string& target = name_of(child) == "title" ? task.title : task.description;
        target = text_of(child);
        if (const auto problem = tasks::check_placeholders(target)) {
            fail(file, xmlGetLineNo(child), "<" + std::string(name_of(child)) + "> of task \"" + task.code +
                                                "\": " + *problem);
        }
    }
    return task;
}

}  // namespace

tasks::TaskTemplates read_task_templates(const xmlNode* section, const std::string& file) {
    tasks::TaskTemplates templates;
    const std::int64_t line = xmlGetLineNo(section);
    if (has_attribute(section, "time-zone")) templates.schedule.time_zone = attribute(section, "time-zone");
    if (!tasks::known_time_zone(templates.schedule.time_zone)) {
        fail(file, line, "unknown time zone \"" + templates.schedule.time_zone +
                             "\" (expected UTC or an IANA name such as Europe/Paris)");
    }
    if (has_attribute(section, "due-time")) templates.schedule.due_time = attribute(section, "due-time");
    if (!tasks::parse_time_of_day(templates.schedule.due_time)) {
        fail(file, line, "due-time=\"" + templates.schedule.due_time + "\" is not a time of day HH:MM");
    }
    const std::string skip = attribute(section, "skip-weekends");
    templates.schedule.skip_weekends = skip == "true" || skip == "1";
    for (const xmlNode* child = section->children; child != nullptr; child = child->next) {
        if (child->type == XML_ELEMENT_NODE && name_of(child) == "task") {
            templates.list.push_back(read_task(child, file, templates.list));
        }
    }
    if (templates.list.empty()) {
        templates.list = tasks::default_task_templates().list;  // settings only: the shipped tasks
    } else {
        templates.shipped = false;
    }
    return templates;
}

}  // namespace baton::transform::mapping
