// The content of a Redmine load: items as wiki pages written by their authors, with their history replayed and
// their comments kept on the page; attachments uploaded onto their item's page.
#include <filesystem>
#include <map>
#include <optional>

#include "convert/links/target_body.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "loaders/redmine/load_session.hpp"
#include "loaders/redmine/page_titles.hpp"
#include "loaders/redmine/pending_creates.hpp"
#include "loaders/redmine/redmine_names.hpp"
#include "workspace/attributes_json.hpp"

namespace baton::load::redmine {
namespace {

struct PageVersion {
    std::string text, comment, login;
};

struct CommentRow {
    std::string legacy_key, item_key, content_hash;
    std::int64_t source_id = 0;
};

}  // namespace

// The page body as Redmine gets it: Markdown with each internal link at the Redmine page of the item it names, the
// links that name no migrated page reported for the community's owner. A body no reader knows, or one that is not
// UTF-8, is written as extracted, with a body-not-converted warning.
std::string LoadSession::page_text(convert::LinkIndex& links, std::int64_t item_id, std::string body,
                                   const std::string& format, const PageRef& page) {
    static const convert::WriterKind& markdown = *convert::find_writer("markdown");
    if (body.empty()) return body;
    std::string problem;
    try {
        if (auto converted = convert::convert_body_for_target(links, item_id, body, format, markdown)) {
            const auto& missing = converted->links.unresolved;
            if (!missing.empty() && !m_options.dry_run) {
                std::string list;
                for (const auto& target : missing) list += (list.empty() ? "" : ", ") + target;
                model::Message message;
                message.severity = model::Severity::warning;
                message.code = "load.unresolved-link";
                message.text = page.item_key + " links to " +
                               text::counted(static_cast<std::int64_t>(missing.size()), "page") +
                               " not in Redmine: " + list + " (for the owner of community " + page.community + ")";
                message.item_key = page.item_key;
                m_records.message(page.source_id, message);
            }
            return std::move(converted->conversion.output);
        }
        problem = "no reader knows its format \"" + format + "\"";
    } catch (const InputError& error) {
        problem = error.what();
    }
    if (!m_options.dry_run) {
        model::Message message;
        message.severity = model::Severity::warning;
        message.code = "body-not-converted";
        message.text = "body of " + page.legacy_key + " written as extracted: " + problem;
        message.item_key = page.item_key;
        m_records.message(page.source_id, message);
    }
    return body;
}

// An earlier revision's text, converted as the body is (nothing reported: the owner acts on the current text).
std::string LoadSession::history_text(convert::LinkIndex& links, std::int64_t item_id, std::string text,
                                      const std::string& format) {
    static const convert::WriterKind& markdown = *convert::find_writer("markdown");
    if (text.empty()) return text;
    try {
        if (auto converted = convert::convert_body_for_target(links, item_id, text, format, markdown)) {
            return std::move(converted->conversion.output);
        }
    } catch (const InputError&) {
        // written as it was, like the body
    }
    return text;
}

void LoadSession::load_pages(LoadCounts& content, LoadCounts& comments) {
    // Every page's title and URL first, so that a link to a page written later in this run is right already.
    assign_page_titles(m_ws, m_plan, m_records.target(), m_options.base_url);
    convert::LinkIndex links(m_ws, m_plan, redmine_scheme(m_ws));
    m_ws.exec("DROP TABLE IF EXISTS temp.redmine_comments");
    m_ws.exec("CREATE TEMP TABLE redmine_comments AS SELECT i.parent_id AS page_id, i.id FROM plan_placements pp "
              "JOIN items i ON i.id = pp.item_id WHERE pp.plan_run = " + std::to_string(m_plan) +
              " AND pp.action = 'migrate' AND i.kind = 'comment' AND i.parent_id IS NOT NULL");
    m_ws.exec("CREATE INDEX temp.redmine_comments_by_page ON redmine_comments(page_id)");

    auto select = m_ws.prepare(
        "SELECT i.id, i.source_id, s.key || '#' || i.key, i.key, pp.community_id, t.title, "
        "coalesce(i.author_id, 0), coalesce(b.text, ''), coalesce(b.format, '') "
        "FROM plan_placements pp JOIN items i ON i.id = pp.item_id JOIN sources s ON s.id = i.source_id "
        "JOIN temp.redmine_titles t ON t.item_id = i.id LEFT JOIN item_bodies b ON b.item_id = i.id "
        "WHERE pp.plan_run = ? AND pp.action = 'migrate' AND i.kind NOT IN ('comment', 'attachment') ORDER BY i.id");
    auto select_comments = m_ws.prepare(
        "SELECT s.key || '#' || c.key, c.key, c.source_id, coalesce(nullif(p.display_name, ''), p.login, p.key, "
        "'anonymous'), coalesce(c.created_at, ''), coalesce(b.text, ''), coalesce(b.format, ''), c.id "
        "FROM redmine_comments rc JOIN items c ON c.id = rc.id JOIN sources s ON s.id = c.source_id "
        "LEFT JOIN people p ON p.id = c.author_id LEFT JOIN item_bodies b ON b.item_id = c.id "
        "WHERE rc.page_id = ? ORDER BY coalesce(c.created_at, ''), c.id");
    auto select_history = m_ws.prepare(
        "SELECT coalesce(r.author_id, 0), coalesce(r.comment, ''), t.text FROM revisions r "
        "JOIN revision_texts t ON t.source_id = ?1 AND t.item_key = ?2 AND t.revision_key = r.key "
        "WHERE r.item_id = ?3 ORDER BY r.position");
    select.bind(1, m_plan);
    const auto login_of = [this](std::int64_t person_id) {
        const auto person = m_people.find(person_id);
        return person == m_people.end() || person->second.user_id == 0 ? std::string() : person->second.login;
    };
    std::vector<Unit> batch;
    std::int64_t pages = 0;
    while (select.step()) {
        const auto community = m_communities.find(select.column_int(4));
        const std::string item_key = select.column_text(3);
        if (community == m_communities.end() || !wanted_item(item_key)) continue;
        if (m_options.limit > 0 && pages >= m_options.limit) break;
        ++pages;
        const std::int64_t item_id = select.column_int(0);
        const std::int64_t source_id = select.column_int(1);
        const std::string legacy_key = select.column_text(2);
        const std::string title = select.column_text(5);
        const std::string format = select.column_text(8);

        // The page as baton wants it: the body, then the item's comments, kept on the page (both in Markdown).
        std::string final_text = page_text(links, item_id, select.column_text(7), format,
                                           {legacy_key, item_key, community->second.slug, source_id});
        std::vector<CommentRow> comment_rows;
        select_comments.bind(1, item_id);
        while (select_comments.step()) {
            if (comment_rows.empty()) final_text += "\n\n---\n\n## Comments\n";
            const std::string when = select_comments.column_text(4);
            // Converted as the page body is, through the same link index; its messages name the comment.
            std::string body = page_text(links, select_comments.column_int(7), select_comments.column_text(5),
                                         select_comments.column_text(6),
                                         {select_comments.column_text(0), select_comments.column_text(1),
                                          community->second.slug, select_comments.column_int(2)});
            while (!body.empty() && body.back() == '\n') body.pop_back();
            final_text += "\n**" + select_comments.column_text(3) + "**" + (when.empty() ? "" : " (" + when + ")") +
                          ":\n\n" + body + "\n";
            comment_rows.push_back({select_comments.column_text(0), select_comments.column_text(1),
                                    hash_of({select_comments.column_text(3), when, body}),
                                    select_comments.column_int(2)});
        }
        select_comments.reset();

        const std::string author = login_of(select.column_int(6));
        auto prior = m_records.find("content", legacy_key);
        // History is replayed only when the page is new to baton (no id-map row): later loads add one version.
        std::vector<PageVersion> history;
        if (!prior) {
            select_history.bind(1, source_id).bind(2, item_key).bind(3, item_id);
            while (select_history.step()) {
                history.push_back({history_text(links, item_id, select_history.column_text(2), format),
                                   select_history.column_text(1), login_of(select_history.column_int(0))});
            }
            select_history.reset();
        }
        std::string final_comment = "imported by baton";
        std::string final_author = author;
        if (!history.empty()) {  // the last revision is the body: written last, as its own author
            if (!history.back().comment.empty()) final_comment = history.back().comment;
            if (!history.back().login.empty()) final_author = history.back().login;
            history.pop_back();
        }
        const CommunityRef ref = community->second;
        Unit unit{"content", legacy_key, source_id, item_key, ref.slug,
                  hash_of({title, final_text, final_author}), std::move(prior), {}, {}};
        unit.write = [ref, title, final_text, final_comment, final_author, history = std::move(history),
                      sync = m_sync](RedmineApi& api, const Unit& self) {
            if (!ref.present) return make_outcome(Action::skipped, "", "", "its project is not in Redmine");
            ObjectOps<WikiPage> ops;
            ops.find = [&] { return api.wiki_page(ref.identifier, title); };
            ops.lookup = create_lookup({{"project", ref.identifier}, {"title", title}});
            ops.desired_hash = hash_of({final_text});
            ops.create = [&] {
                for (const auto& version : history) {
                    api.put_wiki_page(ref.identifier, title, version.text, version.comment, version.login);
                }
                api.put_wiki_page(ref.identifier, title, final_text, final_comment, final_author);
                return ref.identifier + "/" + title;
            };
            ops.update = [&](const WikiPage&) {
                api.put_wiki_page(ref.identifier, title, final_text, "updated by baton", final_author);
            };
            ops.target_id = [&](const WikiPage&) { return ref.identifier + "/" + title; };
            Outcome outcome = sync_object(sync, self, ops);
            if (outcome.target_id.empty() && outcome.action != Action::failed) outcome.target_id = ref.identifier + "/" + title;
            return outcome;
        };
        unit.done = [this, &comments, slug = ref.slug, comment_rows = std::move(comment_rows)](const Outcome& page) {
            for (const auto& comment : comment_rows) {
                Unit row{"comment", comment.legacy_key, comment.source_id, comment.item_key, slug, comment.content_hash,
                         m_records.find("comment", comment.legacy_key), {}, {}};
                Outcome outcome = page;
                outcome.before_json.clear();
                if (page.action == Action::updated) {
                    // Kept on the page: new, changed or unchanged by its own hash.
                    outcome.action = !row.prior ? Action::created
                                     : row.prior->content_hash == row.content_hash ? Action::unchanged
                                                                                    : Action::updated;
                }
                if (page.action == Action::failed) outcome.detail = "its page could not be written: " + page.detail;
                record(row, outcome, comments);
            }
        };
        batch.push_back(std::move(unit));
        // Bodies and histories are held per batch: a small batch bounds the memory of long histories.
        if (batch.size() >= static_cast<std::size_t>(2 * m_writes.concurrency())) flush(batch, content);
    }
    flush(batch, content);
}

void LoadSession::load_attachments(LoadCounts& content) {
    auto select = m_ws.prepare(
        "SELECT s.key || '#' || a.key, a.key, a.source_id, coalesce(a.title, ''), coalesce(a.attributes, ''), "
        "s.key || '#' || coalesce(a.parent_key, ''), a.fingerprint, pp.community_id, coalesce(a.parent_key, '') "
        "FROM plan_placements pp JOIN items a ON a.id = pp.item_id JOIN sources s ON s.id = a.source_id "
        "WHERE pp.plan_run = ? AND pp.action = 'migrate' AND a.kind = 'attachment' ORDER BY a.id");
    select.bind(1, m_plan);
    std::vector<Unit> batch;
    while (select.step()) {
        const std::string item_key = select.column_text(1);
        const auto community = m_communities.find(select.column_int(7));
        if (community == m_communities.end() || !wanted_item(item_key)) continue;
        std::string file;
        for (const auto& [name, value] : workspace::attributes_from_json(select.column_text(4))) {
            if (name == "file_path") file = value;
        }
        // An attachment of an item goes onto that item's page; one of no item (DokuWiki media) into the project's Files.
        const bool of_an_item = !select.column_text(8).empty();
        const auto page = of_an_item ? m_records.find("content", select.column_text(5)) : std::nullopt;
        Unit unit{"content", select.column_text(0), select.column_int(2), item_key, community->second.slug,
                  select.column_text(6), m_records.find("content", select.column_text(0)), {}, {}};
        std::string filename = std::filesystem::path(file).filename().string();
        if (filename.empty()) filename = select.column_text(3);
        const std::string page_id = page && page->status == "imported" ? page->target_id : std::string();
        unit.write = [file, filename, page_id, of_an_item, ref = community->second, sync = m_sync](RedmineApi& api,
                                                                                                   const Unit& self) {
            if (of_an_item ? page_id.empty() : !ref.present) {
                return make_outcome(Action::skipped, "", "", "its page or project is not in Redmine");
            }
            std::error_code error;
            if (file.empty() || !std::filesystem::is_regular_file(file, error)) {
                return make_outcome(Action::skipped, "", "", "no file to upload (the export did not include it)");
            }
            if (self.prior && self.prior->status == "imported" && self.prior->content_hash == self.content_hash) {
                return make_outcome(Action::unchanged, self.prior->target_id, self.prior->target_hash);
            }
            const auto slash = page_id.find('/');
            const std::string project = of_an_item ? page_id.substr(0, slash) : ref.identifier;
            const std::string title = of_an_item ? page_id.substr(slash + 1) : std::string();
            // What the page (or the project's Files) holds: file name -> attachment id; nullopt: the page is gone.
            const auto attached = [&]() -> std::optional<std::map<std::string, std::int64_t>> {
                if (!of_an_item) return api.project_files(project);
                const auto current = api.wiki_page(project, title);
                if (!current) return std::nullopt;
                return current->attachments;
            };
            bool upload_sent = false;  // a lost answer to our own upload is found on the next round: created
            return run_with_retries(sync, [&]() {
                const auto files = attached();
                if (!files) return make_outcome(Action::skipped, "", "", "its page is gone from Redmine");
                if (const auto found = files->find(filename); found != files->end()) {
                    return make_outcome(upload_sent ? Action::created : Action::unchanged,
                                        "attachment/" + std::to_string(found->second), filename);
                }
                if (sync.dry_run) return make_outcome(Action::created);
                if (sync.before_create) {
                    sync.before_create(self, create_lookup({{"project", project}, {"title", title}, {"filename", filename}}));
                }
                upload_sent = true;
                const std::string token = api.upload(file, filename);
                if (of_an_item) {
                    // Same text, new upload: Redmine attaches the file without a new page version.
                    const auto current = api.wiki_page(project, title);
                    if (!current) return make_outcome(Action::skipped, "", "", "its page is gone from Redmine");
                    api.put_wiki_page(project, title, current->text, "attachment " + filename, {}, {{token, filename}});
                } else {
                    api.add_project_file(project, {token, filename});
                }
                const auto back = attached();
                const auto added = back ? back->find(filename) : files->end();
                if (!back || added == back->end()) return make_outcome(Action::failed, "", "", "Redmine did not keep the upload");
                return make_outcome(Action::created, "attachment/" + std::to_string(added->second), filename);
            });
        };
        batch.push_back(std::move(unit));
        if (batch.size() >= batch_size()) flush(batch, content);
    }
    flush(batch, content);
}

}  // namespace baton::load::redmine
