// `baton invite`: one personal link per person with a role in the current plan, written as CSV for the mail
// merge; admin links; revocation.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "workspace/workspace.hpp"

namespace baton::portal {

struct Invitation {
    std::int64_t person_id = 0;
    std::string person_key;
    std::string login;
    std::string display_name;
    std::string email;
    std::string communities;  // "owner of hr, manager of it"
    std::string link;
    std::string expires_at;
};

// Issues a new token for every person holding an owner or manager role in the plan; links are
// `base_url` + "/i/" + token. Earlier links stay valid until they expire or are revoked.
[[nodiscard]] std::vector<Invitation> invite_people(workspace::Workspace& workspace, std::int64_t plan_run,
                                                    const std::string& base_url, int days, std::int64_t run_id);
// One admin link.
[[nodiscard]] std::string invite_admin(workspace::Workspace& workspace, const std::string& base_url, int days,
                                       std::int64_t run_id);

// The CSV for the mail merge: person_key, login, display_name, email, communities, link, expires_at.
[[nodiscard]] std::string invitations_csv(const std::vector<Invitation>& invitations);

// Revokes the tokens of the people whose login, key or e-mail is `who` ("admin": every admin token); returns how
// many tokens; throws UsageError when nobody matches.
int revoke(workspace::Workspace& workspace, const std::string& who);

}  // namespace baton::portal
