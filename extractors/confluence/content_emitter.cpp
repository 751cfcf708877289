// Pass 2 of the Confluence extractor: pages, blog posts, attachments and comments, each with its
// historical versions as revisions, its labels, links and place in the hierarchy.
#include "extractors/confluence/model_emitter.hpp"

#include "core/interrupt.hpp"
#include "core/text.hpp"

namespace baton::extract::confluence {
namespace {

// Columns of the content table every query below selects, in this order.
constexpr const char* content_columns =
    "c.id, c.class, c.title, c.status, c.version, c.creator_name, c.creator_key, c.created, c.modifier_name, "
    "c.modifier_key, c.modified, c.version_comment, c.original_id, c.parent_id, c.space_id, c.container_id, "
    "c.container_class, c.reply_to_id, c.position, c.file_name, c.content_type, c.file_size, c.line";

enum Column {
    id, class_name, title, status, version, creator_name, creator_key, created, modifier_name, modifier_key, modified,
    version_comment, original_id, parent_id, space_id, container_id, container_class, reply_to_id, position, file_name,
    content_type, file_size, line
};

std::string kind_of(const std::string& class_name) {
    if (class_name == "Page") return "page";
    if (class_name == "BlogPost") return "blogpost";
    if (class_name == "Comment") return "comment";
    if (class_name == "Attachment") return "attachment";
    return {};
}

// Storage format since Confluence 4 (bodyType 2); wiki markup before it (bodyType 0 or none).
std::string body_format(const std::string& body_type) {
    if (body_type == "2") return "confluence-storage";
    if (body_type.empty() || body_type == "0") return "confluence-wiki";
    return "confluence-body-type-" + body_type;
}

struct Row {
    explicit Row(const sql::Statement& statement) {
        for (int column = 0; column <= Column::line; ++column) values[column] = statement.column_text(column);
        source_line = statement.column_int(Column::line);
    }
    [[nodiscard]] const std::string& operator[](Column column) const { return values[column]; }
    std::string values[Column::line + 1];
    std::int64_t source_line = 0;
};

}  // namespace

std::string ModelEmitter::space_key_of(const std::string& own_space_id, const std::string& container) {
    // Comments and attachments name no space: theirs is their page's.
    std::string space_id = own_space_id;
    if (space_id.empty() && !container.empty()) {
        m_space_of_content.bind(1, container);
        if (m_space_of_content.step()) space_id = m_space_of_content.column_text(0);
        m_space_of_content.reset();
    }
    if (space_id.empty()) return {};
    m_space_key.bind(1, space_id);
    std::string key = m_space_key.step() ? "space:" + m_space_key.column_text(0) : std::string();
    m_space_key.reset();
    return key;
}

void ModelEmitter::emit_content(const ProgressCallback& progress) {
    // Current objects (and historical versions whose current one is missing), pages first, comments
    // last in the order they were written on their page.
    auto roots = m_db.prepare(std::string("SELECT ") + content_columns + R"sql(
  FROM content c
 WHERE c.class IN ('Page', 'BlogPost', 'Attachment', 'Comment')
   AND (c.original_id IS NULL OR c.status = 'draft' OR NOT EXISTS (SELECT 1 FROM content o WHERE o.id = c.original_id))
 ORDER BY CASE c.class WHEN 'Page' THEN 0 WHEN 'BlogPost' THEN 1 WHEN 'Attachment' THEN 2 ELSE 3 END,
          CASE WHEN c.class = 'Comment' THEN c.container_id END, CASE WHEN c.class = 'Comment' THEN c.created END,
          CAST(c.id AS INTEGER), c.line)sql");
    auto versions = m_db.prepare(std::string("SELECT ") + content_columns +
                                 " FROM content c WHERE c.original_id = ?1 AND coalesce(c.status, '') <> 'draft' "
                                 "ORDER BY c.version, c.line");
    auto body = m_db.prepare("SELECT body, coalesce(body_type, '') FROM body WHERE content_id = ?1 ORDER BY rowid DESC LIMIT 1");
    auto exists = m_db.prepare("SELECT class FROM content WHERE id = ?1 AND original_id IS NULL LIMIT 1");
    auto labels = m_db.prepare(
        "SELECT l.name, coalesce(l.namespace, '') FROM labelling g JOIN label l ON l.id = g.label_id "
        "WHERE g.content_id = ?1 ORDER BY g.line");
    auto links = m_db.prepare(
        "SELECT coalesce(destination_space, ''), coalesce(destination_title, '') FROM link WHERE source_id = ?1 "
        "ORDER BY line");
    auto properties = m_db.prepare(
        "SELECT p.name, p.value FROM content_property cp JOIN property p ON p.id = cp.property_id "
        "WHERE cp.content_id = ?1 AND p.name IS NOT NULL ORDER BY cp.position");
    auto file = m_db.prepare("SELECT 1 FROM file WHERE path = ?1");
    auto known = m_db.prepare("SELECT class FROM known WHERE id = ?1 LIMIT 1");
    auto restrictions = m_db.prepare(
        "SELECT coalesce(r.type, s.type, ''), coalesce(r.user_name, ''), coalesce(r.user_key, ''), "
        "coalesce(r.group_name, '') FROM restriction_set s JOIN restriction r ON r.set_id = s.id "
        "WHERE s.content_id = ?1 ORDER BY s.line, r.line");

    const auto class_of = [&exists](const std::string& content_id) {
        exists.bind(1, content_id);
        std::string found = exists.step() ? exists.column_text(0) : std::string();
        exists.reset();
        return found;
    };
    const auto body_of = [&body](const std::string& content_id, std::string& type) {
        body.bind(1, content_id);
        std::string text;
        type = "none";  // no BodyContent at all
        if (body.step()) {
            text = body.column_text(0);
            type = body.column_text(1);
        }
        body.reset();
        return text;
    };
    const auto file_of = [&file](const Row& row, const std::string& attachment_id) {
        const std::string path = "attachments/" + row[container_id] + "/" + attachment_id + "/" +
                                 (row[version].empty() ? std::string("1") : row[version]);
        file.bind(1, path);
        const bool present = file.step();
        file.reset();
        return present ? path : std::string();
    };

    std::string comments_of;  // the container whose comments are being numbered
    std::int64_t comment_number = 0;
    while (roots.step()) {
        const Row current(roots);
        model::Item item;
        item.kind = kind_of(current[class_name]);
        item.key = item.kind + ":" + current[id];
        item.title = current[title];
        item.status = current[status].empty() ? "current" : current[status];
        item.created_at = current[created];
        item.modified_at = current[modified];
        item.author_key = person_key(current[creator_name], current[creator_key]);
        item.source_line = current.source_line;
        item.attributes.emplace_back("content_id", current[id]);
        if (!current[version].empty()) item.attributes.emplace_back("version", current[version]);
        const bool draft_of_original = !current[original_id].empty() && current[status] == "draft" &&
                                       !class_of(current[original_id]).empty();
        if (draft_of_original) {
            // A draft of the next version, not a past one: an item of its own, kept with its status.
            item.attributes.emplace_back("draft_of", item.kind + ":" + current[original_id]);
        } else if (!current[original_id].empty()) {
            item.attributes.emplace_back("missing_original", current[original_id]);
            warn("confluence.dangling-reference",
                 "historical version " + current[id] + " names original version " + current[original_id] +
                     ", which is not in the export; it is kept as an item of its own",
                 current.source_line, item.key);
        }

        // The hierarchy: a page's parent page; the page a comment or attachment belongs to.
        const std::string& parent = item.kind == "page" ? current[parent_id] : current[container_id];
        if (!parent.empty()) {
            const std::string parent_class = class_of(parent);
            if (parent_class == "SpaceDescription" || current[container_class] == "SpaceDescription") {
                item.attributes.emplace_back("attached_to", "space");  // e.g. a space's logo
            } else if (!kind_of(parent_class).empty()) {
                item.parent_key = kind_of(parent_class) + ":" + parent;
            } else {
                item.attributes.emplace_back("missing_parent", parent);
                known.bind(1, parent);
                const std::string known_class = known.step() ? known.column_text(0) : std::string();
                known.reset();
                const std::string relation = item.kind == "page" ? " has parent page " : " belongs to " +
                    (current[container_class].empty() ? std::string("object") : current[container_class]) + " ";
                warn("confluence.dangling-reference",
                     item.key + relation + parent +
                         (known_class.empty() ? ", which is not in the export"
                                              : ", a " + known_class + " baton does not convert") +
                         "; it is kept without that parent",
                     current.source_line, item.key);
            }
        }
        if (item.kind == "comment") {
            if (!current[reply_to_id].empty()) {
                if (class_of(current[reply_to_id]) == "Comment") {
                    item.reply_to_key = "comment:" + current[reply_to_id];
                } else {
                    item.attributes.emplace_back("missing_reply_to", current[reply_to_id]);
                    warn("confluence.dangling-reference",
                         item.key + " answers comment " + current[reply_to_id] + ", which is not in the export",
                         current.source_line, item.key);
                }
            }
            if (current[container_id] != comments_of) {
                comments_of = current[container_id];
                comment_number = 0;
            }
            item.attributes.emplace_back("comment_position", std::to_string(++comment_number));
        }
        if (!current[position].empty()) item.attributes.emplace_back("position", current[position]);

        if (const std::string space = space_key_of(current[space_id], current[container_id]); !space.empty()) {
            item.container_keys.push_back(space);
        } else if (!current[space_id].empty()) {
            warn("confluence.dangling-reference", item.key + " is in space " + current[space_id] +
                                                      ", which is not in the export",
                 current.source_line, item.key);
        }
        labels.bind(1, current[id]);
        while (labels.step()) {
            const std::string name_space = labels.column_text(1);
            item.container_keys.push_back("label:" + (name_space.empty() || name_space == "global"
                                                          ? labels.column_text(0)
                                                          : name_space + ":" + labels.column_text(0)));
        }
        labels.reset();
        links.bind(1, current[id]);
        while (links.step()) item.attributes.emplace_back("outgoing_link", links.column_text(0) + ":" + links.column_text(1));
        links.reset();
        // Page restrictions: who alone may view or edit it ("View login:alice", "Edit group:hr").
        restrictions.bind(1, current[id]);
        while (restrictions.step()) {
            const std::string person = person_key(restrictions.column_text(1), restrictions.column_text(2));
            const std::string group = restrictions.column_text(3);
            item.attributes.emplace_back("restriction", restrictions.column_text(0) + " " +
                                                            (!person.empty() ? person : "group:" + group));
        }
        restrictions.reset();
        properties.bind(1, current[id]);
        while (properties.step()) {
            item.attributes.emplace_back("property:" + properties.column_text(0), properties.column_text(1));
        }
        properties.reset();

        std::string media_type;
        std::string property_size;
        if (item.kind == "attachment") {
            ++m_attachments;
            item.title = current[file_name].empty() ? current[title] : current[file_name];
            if (!current[file_name].empty()) item.attributes.emplace_back("file_name", current[file_name]);
            if (!current[content_type].empty()) item.attributes.emplace_back("content_type", current[content_type]);
            if (!current[file_size].empty()) item.attributes.emplace_back("file_size", current[file_size]);
            // Confluence 5.7+ keeps type and size as content properties.
            for (const auto& [name, value] : item.attributes) {
                if (name == "property:MEDIA_TYPE" && current[content_type].empty()) media_type = value;
                if (name == "property:FILESIZE" && current[file_size].empty()) property_size = value;
            }
            if (!media_type.empty()) item.attributes.emplace_back("content_type", media_type);
            if (!property_size.empty()) item.attributes.emplace_back("file_size", property_size);
            if (const std::string path = file_of(current, current[id]); !path.empty()) {
                item.attributes.emplace_back("file", path);
            } else {
                ++m_attachments_without_file;
            }
        }

        // History: every historical version as a revision, oldest first, the current one last.
        const auto revision_of = [&](const Row& row, std::string* text_out, std::string* type_out) {
            model::Revision revision;
            revision.key = row[version].empty() ? "id:" + row[id] : row[version];
            for (const auto& earlier : item.revisions) {
                if (earlier.key == revision.key) revision.key += "@" + row[id];  // keys are unique in an item
            }
            revision.author_key = person_key(row[modifier_name], row[modifier_key]);
            if (revision.author_key.empty()) revision.author_key = person_key(row[creator_name], row[creator_key]);
            revision.timestamp = row[modified].empty() ? row[created] : row[modified];
            revision.comment = text::trim(row[version_comment]);
            revision.attributes.emplace_back("content_id", row[id]);
            if (!row[status].empty()) revision.attributes.emplace_back("status", row[status]);
            if (item.kind == "attachment") {
                const std::string& size = row[file_size].empty() && &row == &current ? property_size : row[file_size];
                if (!size.empty() && size.size() < 18 && size.find_first_not_of("0123456789") == std::string::npos) {
                    revision.size = std::stoll(size);
                }
                const std::string path = file_of(row, row[original_id].empty() ? row[id] : row[original_id]);
                if (!path.empty()) revision.attributes.emplace_back("file", path);
            } else {
                std::string type;
                std::string text = body_of(row[id], type);
                revision.size = static_cast<std::int64_t>(text.size());
                m_sink.revision_text({item.key, revision.key, text});
                if (text_out != nullptr) *text_out = std::move(text);
                if (type_out != nullptr) *type_out = std::move(type);
            }
            return revision;
        };
        if (current[original_id].empty()) {
            versions.bind(1, current[id]);
            while (versions.step()) item.revisions.push_back(revision_of(Row(versions), nullptr, nullptr));
            versions.reset();
        }
        std::string body_type;
        std::string text;
        item.revisions.push_back(revision_of(current, &text, &body_type));
        if (item.kind != "attachment" && body_type == "none") {
            warn("confluence.no-body", item.key + " has no BodyContent object in the export; its body is empty",
                 current.source_line, item.key);
        } else if (item.kind != "attachment") {
            item.body = {body_format(body_type), std::move(text)};
            if (!body_type.empty()) item.attributes.emplace_back("body_type", body_type);
        }
        m_sink.item(std::move(item));
        if (++m_items % 64 == 0) {
            throw_if_interrupted();
            if (progress) progress(m_items, 0);
        }
    }
}

}  // namespace baton::extract::confluence
