// The welcome e-mail for each person with a role (MIME, Poco::Net::MailMessage), written as .eml or sent by SMTP.
#include "loaders/outputs/welcome_mail.hpp"

#include <Poco/Base64Encoder.h>
#include <Poco/Exception.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/StringPartSource.h>

#include <memory>
#include <sstream>

#include "core/error.hpp"
#include "core/text.hpp"
#include "loaders/outputs/checklist_html.hpp"
#include "loaders/outputs/task_calendar.hpp"

namespace baton::load {
namespace {

using Poco::Net::MailMessage;

bool plain_address(const std::string& address) {
    const auto at = address.find('@');
    return at != std::string::npos && at > 0 && at + 1 < address.size() &&
           address.find_first_of(" <>\",;\r\n") == std::string::npos;
}

bool printable_ascii(const std::string& text) {
    for (const char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) return false;
    }
    return true;
}

// RFC 2047 encoded words (base64, at most 45 bytes of UTF-8 each, never splitting a character), folded.
std::string encoded_words(const std::string& name) {
    std::string words;
    for (std::size_t at = 0; at < name.size();) {
        std::size_t end = std::min(name.size(), at + 45);
        while (end < name.size() && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80) --end;
        std::ostringstream encoded;
        Poco::Base64Encoder encoder(encoded);
        encoder.rdbuf()->setLineLength(0);
        encoder << name.substr(at, end - at);
        encoder.close();
        words += (words.empty() ? "" : "\r\n ") + std::string("=?UTF-8?B?") + encoded.str() + "?=";
        at = end;
    }
    return words;
}

// A display name for an address header (RFC 5322): a quoted string when it is printable ASCII, else encoded words.
std::string header_name(const std::string& name) {
    if (!printable_ascii(name)) return encoded_words(name);
    std::string quoted = "\"";
    for (const char c : name) quoted += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    return quoted + "\"";
}

std::string letter(const Checklist& checklist, const TaskListOptions& options) {
    std::ostringstream out;
    out << "Dear " << checklist.display_name << ",\n\n"
        << "the content of the old intranet moves to the new platform on "
        << transform::tasks::iso_date(options.go_live.date)
        << ". You know parts of it better than anyone, and we would like you to run:\n\n";
    for (const auto& assignment : checklist.assignments) {
        out << "- " << assignment.community.name << " as " << assignment.role << ": you " << assignment.reason
            << ".\n";
    }
    const ChecklistTask* first = nullptr;
    for (const auto& assignment : checklist.assignments) {
        for (const auto& task : assignment.tasks) {
            if (first == nullptr || task.due_date < first->due_date) first = &task;
        }
    }
    if (first != nullptr) out << "\nThe first step, by " << first->due_date << ": " << first->title << ".\n";
    if (!checklist.review_link.empty()) {
        out << "\nSee what is proposed for you, and accept, decline or name someone else, on your personal page\n"
            << checklist.review_link << "\n(the link is yours alone: please do not forward it).\n";
    }
    out << "\nYour checklist follows, and is attached as a calendar of tasks (" << checklist.file_stem
        << ".ics) you can import into your planner. Thank you for taking this on.\n\n"
        << "----\n\n" << checklist_as_markdown(checklist);
    return out.str();
}

std::unique_ptr<MailMessage> message_for(const Checklist& checklist, const TaskListOptions& options) {
    if (!plain_address(options.from)) {
        throw UsageError("--from " + options.from + " is not an e-mail address", "give an address such as it@acme.example");
    }
    auto message = std::make_unique<MailMessage>();
    message->setSender(options.from);
    // The To header is written here rather than by Poco, which would put encoded words inside quotes.
    message->set("To", header_name(checklist.display_name) + " <" + checklist.email + ">");
    std::string communities;
    for (const auto& assignment : checklist.assignments) {
        communities += (communities.empty() ? "" : ", ") + assignment.community.name;
    }
    const std::string subject = "Welcome: your communities on the new platform (" + communities + ")";
    message->setSubject(printable_ascii(subject) && subject.size() < 900 ? subject : encoded_words(subject));
    message->set("Message-ID", "<welcome." + text::slugify(checklist.person_key) + "." +
                                   transform::tasks::iso_date(options.go_live.date) + "@baton>");
    message->addContent(new Poco::Net::StringPartSource(letter(checklist, options), "text/plain; charset=UTF-8"),
                        MailMessage::ENCODING_QUOTED_PRINTABLE);
    message->addPart("checklist",
                     new Poco::Net::StringPartSource(checklist_as_html(checklist, options.go_live),
                                                     "text/html; charset=UTF-8", checklist.file_stem + ".html"),
                     MailMessage::CONTENT_INLINE, MailMessage::ENCODING_QUOTED_PRINTABLE);
    const std::string stamp = options.stamp.empty() ? ical_now() : options.stamp;
    message->addAttachment(checklist.file_stem + ".ics",
                           new Poco::Net::StringPartSource(checklist_as_icalendar(checklist, stamp),
                                                           "text/calendar; charset=UTF-8",
                                                           checklist.file_stem + ".ics"),
                           MailMessage::ENCODING_BASE64);
    return message;
}

}  // namespace

bool mailable(const Checklist& checklist) { return plain_address(checklist.email); }

std::string welcome_mail(const Checklist& checklist, const TaskListOptions& options) {
    std::ostringstream out;
    message_for(checklist, options)->write(out);
    return out.str();
}

SmtpTarget parse_smtp_url(const std::string& url) {
    const std::string scheme = "smtp://";
    const auto usage = [&]() {
        return UsageError("--send " + url + " is not an SMTP address", "use --send smtp://HOST:PORT");
    };
    if (url.rfind(scheme, 0) != 0) throw usage();
    std::string rest = url.substr(scheme.size());
    if (!rest.empty() && rest.back() == '/') rest.pop_back();
    SmtpTarget target;
    const auto colon = rest.rfind(':');
    target.host = rest.substr(0, colon);
    if (colon != std::string::npos) {
        const auto port = text::parse_int(rest.substr(colon + 1));
        if (!port || *port < 1 || *port > 65535) throw usage();
        target.port = static_cast<unsigned short>(*port);
    }
    if (target.host.empty() || target.host.find_first_of("/@ ") != std::string::npos) throw usage();
    return target;
}

std::size_t send_welcome_mails(const std::vector<Checklist>& checklists, const TaskListOptions& options,
                               const std::string& smtp_url) {
    const SmtpTarget target = parse_smtp_url(smtp_url);
    std::size_t sent = 0;
    for (const auto& checklist : checklists) {
        if (!mailable(checklist)) continue;
        const auto message = message_for(checklist, options);
        try {
            Poco::Net::SMTPClientSession session(target.host, target.port);
            session.login();
            const Poco::Net::SMTPClientSession::Recipients recipients = {checklist.email};
            session.sendMessage(*message, recipients);
            session.close();
        } catch (const Poco::Exception& error) {
            throw TargetError("the SMTP server " + target.host + ":" + std::to_string(target.port) +
                                  " did not take the welcome e-mail to " + checklist.email + ": " +
                                  error.displayText(),
                              "check the address given to --send; " + std::to_string(sent) + " e-mail(s) were sent");
        }
        ++sent;
    }
    return sent;
}

}  // namespace baton::load
