// `baton tasks --invitations FILE.csv`: each person's review-portal link (from `baton invite`) in their task lists.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "loaders/outputs/checklists.hpp"

namespace baton::load {

struct ReviewLinks {
    std::size_t attached = 0;           // checklists that got their person's link
    std::vector<std::string> problems;  // "FILE:LINE: problem", one per skipped row
};

// Reads the CSV `baton invite --out FILE` wrote (columns person_key and link, any order, others ignored; a
// header without them is an InputError, exit 4) and sets Checklist::review_link of each person it names. Only
// http(s) links are taken; a row with another link, a wrong number of fields or broken quoting is reported and
// skipped. People without a row keep no link.
[[nodiscard]] ReviewLinks attach_review_links(std::vector<Checklist>& checklists, const std::string& path);

}  // namespace baton::load
