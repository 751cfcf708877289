// Stewardship scenarios built by hand for the tests: communities, people and their facts by login.
#pragma once

#include <algorithm>
#include <string>

#include "transform/mapping/stewardship.hpp"

namespace baton::transform::mapping::test_scenario {

inline constexpr const char* reference = "2026-09-30T12:00:00Z";

// Communities and people built by hand; person ids 1.. are named by their login.
struct Scenario {
    Mapping mapping;
    StewardshipInput input;

    Scenario() {
        input.reference_date = reference;
        input.mapping_file = "m.xml";
        mapping.stewardship.half_life_days = 0;  // scores are the plain weighted sums unless a test says otherwise
        mapping.stewardship.minimum_score = 1;
    }

    std::int64_t person(const std::string& login) {
        for (const auto& [id, standing] : input.people) {
            if (standing.name == login) return id;
        }
        const auto id = static_cast<std::int64_t>(input.people.size() + 1);
        PersonStanding standing;
        standing.person_id = id;
        standing.key = (login.rfind("10.", 0) == 0 ? "ip:" : "login:") + login;
        standing.name = login;
        standing.anonymous = login.rfind("10.", 0) == 0;
        input.people[id] = standing;
        return id;
    }

    CommunityCandidates& community(const std::string& slug) {
        for (auto& c : input.communities) {
            if (c.slug == slug) return c;
        }
        CommunityCandidates c;
        c.community_id = static_cast<std::int64_t>(input.communities.size() + 100);
        c.slug = slug;
        c.name = slug;
        c.total_pages = 10;
        input.communities.push_back(c);
        return input.communities.back();
    }

    // `pages` pages created (10 points each by default), `edits` revisions (1 point each).
    void did(const std::string& slug, const std::string& login, std::int64_t pages, std::int64_t edits,
             const std::string& last_edit = "2026-09-01T00:00:00Z") {
        auto& facts = community(slug).facts[person(login)];
        facts.pages_created = pages;
        facts.revisions = edits;
        facts.last_edit = last_edit;
    }

    StewardshipResult run() { return assign_stewards(input, mapping); }

    // "owner:alice,manager:bob" for a community, in assignment order.
    std::string roles(const StewardshipResult& result, const std::string& slug) {
        std::string text;
        for (const auto& role : result.roles) {
            if (role.community_id != community(slug).community_id) continue;
            text += (text.empty() ? "" : ",") + role.role + ":" + input.people.at(role.person_id).name;
        }
        return text;
    }

    const RoleAssignment* role_of(const StewardshipResult& result, const std::string& slug, const std::string& login) {
        for (const auto& role : result.roles) {
            if (role.community_id == community(slug).community_id && role.person_id == person(login)) return &role;
        }
        return nullptr;
    }

    const Candidate* candidate(const StewardshipResult& result, const std::string& slug, const std::string& login) {
        for (const auto& entry : result.candidates) {
            if (entry.community_id == community(slug).community_id && entry.person_id == person(login)) return &entry;
        }
        return nullptr;
    }

    static bool has_message(const StewardshipResult& result, const std::string& code) {
        return std::any_of(result.messages.begin(), result.messages.end(),
                           [&](const PlanMessage& message) { return message.code == code; });
    }
};

}  // namespace baton::transform::mapping::test_scenario
