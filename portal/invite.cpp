// `baton invite`: personal links for the mail merge, admin links, revocation.
#include "portal/invite.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "portal/tokens.hpp"

namespace baton::portal {

std::vector<Invitation> invite_people(workspace::Workspace& workspace, std::int64_t plan_run,
                                      const std::string& base_url, int days, std::int64_t run_id) {
    auto& db = workspace.db();
    auto select = db.prepare(
        "SELECT p.id, p.key, coalesce(nullif(p.login, ''), p.key), "
        "coalesce(nullif(p.display_name, ''), nullif(p.login, ''), p.key), coalesce(p.email, ''), "
        "group_concat(r.role || ' of ' || c.slug, ', ') FROM plan_roles r JOIN people p ON p.id = r.person_id "
        "JOIN plan_communities c ON c.id = r.community_id WHERE r.plan_run = ? AND r.role IN ('owner', 'manager') "
        "GROUP BY p.id ORDER BY 4, p.id");
    select.bind(1, plan_run);
    std::vector<Invitation> invitations;
    while (select.step()) {
        Invitation invitation;
        invitation.person_id = select.column_int(0);
        invitation.person_key = select.column_text(1);
        invitation.login = select.column_text(2);
        invitation.display_name = select.column_text(3);
        invitation.email = select.column_text(4);
        invitation.communities = select.column_text(5);
        invitations.push_back(std::move(invitation));
    }
    sql::Transaction transaction(db);
    for (auto& invitation : invitations) {
        const auto issued = issue_token(db, invitation.person_id, "owner", days, run_id);
        invitation.link = base_url + "/i/" + issued.token;
        invitation.expires_at = issued.expires_at;
    }
    transaction.commit();
    return invitations;
}

std::string invite_admin(workspace::Workspace& workspace, const std::string& base_url, int days,
                         std::int64_t run_id) {
    return base_url + "/i/" + issue_token(workspace.db(), 0, "admin", days, run_id).token;
}

std::string invitations_csv(const std::vector<Invitation>& invitations) {
    std::string out = "person_key,login,display_name,email,communities,link,expires_at\n";
    for (const auto& invitation : invitations) {
        out += text::csv_field(invitation.person_key) + "," + text::csv_field(invitation.login) + "," +
               text::csv_field(invitation.display_name) + "," + text::csv_field(invitation.email) + "," +
               text::csv_field(invitation.communities) + "," + text::csv_field(invitation.link) + "," +
               text::csv_field(invitation.expires_at) + "\n";
    }
    return out;
}

int revoke(workspace::Workspace& workspace, const std::string& who) {
    auto& db = workspace.db();
    if (who == "admin") return revoke_admin_tokens(db);
    auto select = db.prepare(
        "SELECT DISTINCT p.id FROM people p JOIN access_tokens t ON t.person_id = p.id WHERE p.login = ?1 "
        "OR p.key = ?1 OR lower(p.email) = lower(?1)");
    select.bind(1, who);
    std::vector<std::int64_t> people;
    while (select.step()) people.push_back(select.column_int(0));
    if (people.empty()) {
        throw UsageError("nobody invited has the login, key or e-mail \"" + who + "\"",
                         "the invitations CSV lists who was invited");
    }
    int revoked = 0;
    sql::Transaction transaction(db);
    for (const auto id : people) revoked += revoke_person_tokens(db, id);
    transaction.commit();
    return revoked;
}

}  // namespace baton::portal
