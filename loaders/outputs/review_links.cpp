// `baton tasks --invitations FILE.csv`: each person's review-portal link (from `baton invite`) in their task lists.
#include "loaders/outputs/review_links.hpp"

#include <map>

#include "core/error.hpp"
#include "core/text.hpp"
#include "extractors/csv/csv_reader.hpp"

namespace baton::load {

ReviewLinks attach_review_links(std::vector<Checklist>& checklists, const std::string& path) {
    extract::csv::CsvReader reader(path);
    extract::csv::CsvRecord record;
    std::string problem;
    const char* hint = "give the CSV `baton invite --out FILE` wrote";
    if (!reader.next(record, problem) || !problem.empty()) {
        throw InputError(ExitCode::malformed_input, {path, record.line, 0},
                         problem.empty() ? "the file is empty; expected the header of an invitations CSV" : problem,
                         hint);
    }
    std::map<std::string, std::size_t> columns;
    for (std::size_t i = 0; i < record.fields.size(); ++i) columns[text::to_lower_ascii(text::trim(record.fields[i]))] = i;
    for (const char* needed : {"person_key", "link"}) {
        if (!columns.contains(needed)) {
            throw InputError(ExitCode::malformed_input, {path, record.line, 0},
                             std::string("the header has no column ") + needed + " (expected person_key and link)",
                             hint);
        }
    }
    const std::size_t width = record.fields.size();
    std::map<std::string, std::string> links;  // person key -> link; bounded by the people with roles
    ReviewLinks result;
    while (reader.next(record, problem)) {
        const auto skip = [&](const std::string& why) {
            result.problems.push_back(path + ":" + std::to_string(record.line) + ": " + why);
        };
        if (!problem.empty()) {
            skip(problem);
            continue;
        }
        if (record.fields.size() != width) {
            skip("expected " + std::to_string(width) + " fields like the header, found " +
                 std::to_string(record.fields.size()));
            continue;
        }
        const std::string link = text::trim(record.fields[columns["link"]]);
        if (link.rfind("https://", 0) != 0 && link.rfind("http://", 0) != 0) {
            skip("the link \"" + link + "\" is not an http(s) address");
            continue;
        }
        links[text::trim(record.fields[columns["person_key"]])] = link;
    }
    for (auto& checklist : checklists) {
        const auto found = links.find(checklist.person_key);
        if (found == links.end()) continue;
        checklist.review_link = found->second;
        ++result.attached;
    }
    return result;
}

}  // namespace baton::load
