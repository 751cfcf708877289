// `baton tasks --invitations FILE.csv`: each person's review-portal link (from `baton invite`) in their task lists.
#include "loaders/outputs/review_links.hpp"

#include <map>

#include "loaders/outputs/named_csv.hpp"

namespace baton::load {

ReviewLinks attach_review_links(std::vector<Checklist>& checklists, const std::string& path) {
    NamedCsv csv(path, {"person_key", "link"}, "an invitations CSV", "give the CSV `baton invite --out FILE` wrote");
    std::map<std::string, std::string> links;  // person key -> link; bounded by the people with roles
    ReviewLinks result;
    while (csv.next(result.problems)) {
        const std::string link = csv.field("link");
        if (link.rfind("https://", 0) != 0 && link.rfind("http://", 0) != 0) {
            csv.skip(result.problems, "the link \"" + link + "\" is not an http(s) address");
            continue;
        }
        links[csv.field("person_key")] = link;
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
