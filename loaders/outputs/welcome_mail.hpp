// The welcome e-mail for each person with a role (MIME, Poco::Net::MailMessage), written as .eml or sent by SMTP.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "loaders/outputs/checklists.hpp"

namespace baton::load {

// The message as it is written to STEM.eml: From `from`, To the person, a subject naming their communities,
// multipart/mixed with the letter and Markdown checklist (text/plain), the HTML checklist (text/html, inline)
// and the calendar (text/calendar attachment, STEM.ics). Throws UsageError for a sender that is no address.
[[nodiscard]] std::string welcome_mail(const Checklist& checklist, const TaskListOptions& options);

// Whether the person's address can be written into a message header (one plain address).
[[nodiscard]] bool mailable(const Checklist& checklist);

struct SmtpTarget {
    std::string host;
    unsigned short port = 25;
};
// "smtp://HOST:PORT" (the port defaults to 25); throws UsageError otherwise.
[[nodiscard]] SmtpTarget parse_smtp_url(const std::string& url);

// Sends the welcome e-mail of everyone with an address through the server, one session per message; throws
// TargetError (exit 10) naming the server and the person when the server refuses or cannot be reached.
// Returns how many were sent.
std::size_t send_welcome_mails(const std::vector<Checklist>& checklists, const TaskListOptions& options,
                               const std::string& smtp_url);

}  // namespace baton::load
