// Pass 2 of the Confluence extractor: people, spaces with their permissions, labels, and the checks.
#include "extractors/confluence/model_emitter.hpp"

#include "core/text.hpp"

namespace baton::extract::confluence {

ModelEmitter::ModelEmitter(sql::Database& db, model::ModelSink& sink, std::string entities_name)
    : m_db(db),
      m_sink(sink),
      m_entities_name(std::move(entities_name)),
      m_user_by_key(db.prepare("SELECT name FROM user_key WHERE key = ?1 AND name IS NOT NULL LIMIT 1")),
      m_user_by_name(db.prepare(
          "SELECT coalesce((SELECT name FROM user_key WHERE lower(name) = ?1 LIMIT 1), "
          "(SELECT name FROM user_detail WHERE lower_name = ?1 LIMIT 1))")),
      m_mark_emitted(db.prepare("INSERT OR IGNORE INTO emitted_person VALUES (?1)")),
      m_space_of_content(db.prepare(
          "SELECT coalesce((SELECT space_id FROM content WHERE id = ?1 AND space_id IS NOT NULL LIMIT 1), "
          "(SELECT id FROM space WHERE description_id = ?1 LIMIT 1), '')")),
      m_space_key(db.prepare("SELECT coalesce(key, id) FROM space WHERE id = ?1 LIMIT 1")) {}

void ModelEmitter::emit_all(const ProgressCallback& progress) {
    emit_people();
    emit_spaces();
    emit_labels();
    emit_content(progress);
    report_global_group_permissions();
    report_dangling_references();
    report_not_converted();
    if (m_attachments_without_file > 0) {
        warn("confluence.attachment-files-missing",
             "attachments without a file under the export's attachments/ folder: " +
                 std::to_string(m_attachments_without_file) + " of " + std::to_string(m_attachments) +
                 " (exported without attachments?); their metadata is kept",
             0, {}, model::Severity::info);
    }
}

void ModelEmitter::warn(const char* code, const std::string& text, std::int64_t line, const std::string& item_key,
                        model::Severity severity) {
    model::Message message;
    message.severity = severity;
    message.code = code;
    message.text = text;
    message.position = {m_entities_name, line, 0};
    message.item_key = item_key;
    m_sink.message(std::move(message));
}

std::string ModelEmitter::person_key(const std::string& name, const std::string& user_key) {
    std::string login = name;
    if (!login.empty()) {
        // User names are case-insensitive in Confluence: "Admin" in an old creatorName is the user "admin".
        m_user_by_name.bind(1, text::to_lower_ascii(login));
        if (m_user_by_name.step() && !m_user_by_name.column_is_null(0)) login = m_user_by_name.column_text(0);
        m_user_by_name.reset();
    } else if (!user_key.empty()) {
        m_user_by_key.bind(1, user_key);
        if (m_user_by_key.step()) login = m_user_by_key.column_text(0);
        m_user_by_key.reset();
    }
    if (login.empty() && user_key.empty()) return {};
    const std::string key = login.empty() ? "userkey:" + user_key : "login:" + login;
    m_mark_emitted.bind(1, key).run();
    if (m_db.changes() > 0) {
        model::Person person;
        person.key = key;
        person.login = login;
        person.display_name = login.empty() ? user_key : login;
        if (!user_key.empty()) person.attributes.emplace_back("user_key", user_key);
        person.declared = false;
        m_sink.person(std::move(person));
    }
    return key;
}

void ModelEmitter::emit_people() {
    // ConfluenceUserImpl (key <-> name, Confluence 5.2+) joined with the directory's user (name,
    // e-mail, full name); users only in the directory, or only as a key, are people too.
    auto people = m_db.prepare(R"sql(
SELECT k.name, k.key, coalesce(d.email, k.email), d.display_name, d.active, d.class, k.line
  FROM user_key k LEFT JOIN user_detail d ON d.lower_name = lower(k.name)
UNION ALL
SELECT d.name, NULL, d.email, d.display_name, d.active, d.class, d.line FROM user_detail d
 WHERE NOT EXISTS (SELECT 1 FROM user_key k WHERE lower(k.name) = d.lower_name)
ORDER BY 7)sql");
    auto global_permissions = m_db.prepare(
        "SELECT DISTINCT type FROM permission WHERE space_id IS NULL AND type IS NOT NULL AND "
        "(lower(user_name) = lower(?1) OR user_key = ?2) ORDER BY type");
    while (people.step()) {
        const std::string name = people.column_text(0);
        const std::string user_key = people.column_text(1);
        model::Person person;
        person.key = name.empty() ? "userkey:" + user_key : "login:" + name;
        m_mark_emitted.bind(1, person.key).run();
        if (m_db.changes() == 0) continue;  // the same user in two directories
        person.login = name;
        person.display_name = people.column_text(3).empty() ? (name.empty() ? user_key : name) : people.column_text(3);
        person.email = people.column_text(2);
        if (!user_key.empty()) person.attributes.emplace_back("user_key", user_key);
        if (!people.column_is_null(4)) person.attributes.emplace_back("active", people.column_text(4));
        if (!people.column_is_null(5)) person.attributes.emplace_back("directory_class", people.column_text(5));
        global_permissions.bind(1, name).bind(2, user_key);
        while (global_permissions.step()) person.attributes.emplace_back("global_permission", global_permissions.column_text(0));
        global_permissions.reset();
        m_sink.person(std::move(person));
    }
}

void ModelEmitter::emit_spaces() {
    auto spaces = m_db.prepare(
        "SELECT id, key, name, description_id, home_page_id, status, type, creator_name, creator_key, created "
        "FROM space ORDER BY line");
    auto description = m_db.prepare("SELECT body FROM body WHERE content_id = ?1 ORDER BY rowid DESC LIMIT 1");
    auto permissions = m_db.prepare(
        "SELECT type, user_name, user_key, group_name FROM permission WHERE space_id = ?1 ORDER BY line");
    auto labels = m_db.prepare(
        "SELECT CASE WHEN coalesce(l.namespace, 'global') = 'global' THEN l.name ELSE l.namespace || ':' || l.name END "
        "FROM labelling g JOIN label l ON l.id = g.label_id WHERE g.content_id = ?1 AND l.name IS NOT NULL "
        "ORDER BY g.line");
    while (spaces.step()) {
        model::Container space;
        const std::string id = spaces.column_text(0);
        const std::string key = spaces.column_text(1);
        space.key = "space:" + (key.empty() ? id : key);
        space.kind = "space";
        space.name = spaces.column_text(2).empty() ? key : spaces.column_text(2);
        space.slug = text::slugify(key.empty() ? space.name : key);
        space.attributes.emplace_back("space_id", id);
        if (!key.empty()) space.attributes.emplace_back("space_key", key);
        if (const std::string description_id = spaces.column_text(3); !description_id.empty()) {
            description.bind(1, description_id);
            if (description.step()) space.description = description.column_text(0);
            description.reset();
            // Labels of a space are put on its description.
            labels.bind(1, description_id);
            while (labels.step()) space.attributes.emplace_back("label", labels.column_text(0));
            labels.reset();
        }
        if (const std::string home = spaces.column_text(4); !home.empty()) {
            space.attributes.emplace_back("home_page", "page:" + home);
        }
        if (!spaces.column_text(5).empty()) space.attributes.emplace_back("space_status", spaces.column_text(5));
        if (!spaces.column_text(6).empty()) space.attributes.emplace_back("space_type", spaces.column_text(6));
        if (const std::string creator = person_key(spaces.column_text(7), spaces.column_text(8)); !creator.empty()) {
            space.attributes.emplace_back("creator", creator);
        }
        if (!spaces.column_text(9).empty()) space.attributes.emplace_back("created", spaces.column_text(9));
        // Every grant as "TYPE subject"; those who may set permissions are the space's administrators,
        // the first owner candidates for the space's community.
        permissions.bind(1, id);
        while (permissions.step()) {
            const std::string type = permissions.column_text(0);
            const std::string person = person_key(permissions.column_text(1), permissions.column_text(2));
            const std::string group = permissions.column_text(3);
            const std::string subject = !person.empty() ? person : !group.empty() ? "group:" + group : "anonymous";
            space.attributes.emplace_back("permission", type + " " + subject);
            if (type == "SETSPACEPERMISSIONS" && !person.empty()) space.attributes.emplace_back("administrator", person);
            if (type == "SETSPACEPERMISSIONS" && person.empty() && !group.empty()) {
                space.attributes.emplace_back("administrator_group", group);
            }
        }
        permissions.reset();
        m_sink.container(std::move(space));
    }
}

void ModelEmitter::emit_labels() {
    auto labels = m_db.prepare(
        "SELECT name, namespace, owner, min(line) FROM label WHERE name IS NOT NULL GROUP BY name, namespace "
        "ORDER BY min(line)");
    while (labels.step()) {
        const std::string name = labels.column_text(0);
        const std::string name_space = labels.column_text(1);
        model::Container label;
        label.key = "label:" + (name_space.empty() || name_space == "global" ? name : name_space + ":" + name);
        label.kind = "label";
        label.name = name;
        label.slug = text::slugify(name);
        if (!name_space.empty()) label.attributes.emplace_back("namespace", name_space);
        if (!labels.column_text(2).empty()) label.attributes.emplace_back("owner", labels.column_text(2));
        m_sink.container(std::move(label));
    }
}

void ModelEmitter::report_global_group_permissions() {
    // Site-wide grants to people are on the people (global_permission); those to groups, to anonymous
    // users and to users the export does not list are listed here, so none is lost.
    auto grants = m_db.prepare(
        "SELECT type, group_name, coalesce(user_name, user_key) FROM permission p WHERE space_id IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM user_detail d WHERE d.lower_name = lower(p.user_name)) AND NOT EXISTS (SELECT 1 FROM user_key k "
        "WHERE k.key = p.user_key OR lower(k.name) = lower(p.user_name)) ORDER BY line");
    std::string list;
    std::int64_t count = 0;
    while (grants.step()) {
        ++count;
        list += (list.empty() ? "" : ", ") + grants.column_text(0) + " " +
                (!grants.column_is_null(2) ? "user:" + grants.column_text(2)
                 : grants.column_is_null(1) ? std::string("anonymous")
                                            : "group:" + grants.column_text(1));
    }
    if (count == 0) return;
    warn("confluence.global-permissions",
         text::counted(count, "site-wide permission") + " granted to groups, anonymous or unlisted users: " + list, 0, {},
         model::Severity::info);
}

void ModelEmitter::report_dangling_references() {
    // References whose target is not in the export at all (not merely of a class baton skips).
    struct Check {
        const char* what;
        const char* sql;
    };
    const Check checks[] = {
        {"body content refers to missing content object ",
         "SELECT content_id, line FROM body WHERE content_id IS NOT NULL AND NOT EXISTS "
         "(SELECT 1 FROM known k WHERE k.id = body.content_id) ORDER BY line"},
        {"labelling refers to missing content or label ",
         "SELECT coalesce(content_id, '') || '/' || coalesce(label_id, ''), line FROM labelling WHERE "
         "NOT EXISTS (SELECT 1 FROM known k WHERE k.id = labelling.content_id) OR NOT EXISTS (SELECT 1 FROM label l "
         "WHERE l.id = labelling.label_id) ORDER BY line"},
        {"outgoing link comes from missing content object ",
         "SELECT source_id, line FROM link WHERE NOT EXISTS (SELECT 1 FROM known k WHERE k.id = link.source_id) "
         "ORDER BY line"},
        {"page restriction refers to missing content ",
         "SELECT content_id, line FROM restriction_set WHERE NOT EXISTS (SELECT 1 FROM known k WHERE "
         "k.id = restriction_set.content_id) ORDER BY line"},
        {"space permission refers to missing space ",
         "SELECT space_id, line FROM permission WHERE space_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM space s "
         "WHERE s.id = permission.space_id) ORDER BY line"},
    };
    for (const auto& check : checks) {
        auto rows = m_db.prepare(check.sql);
        while (rows.step()) {
            warn("confluence.dangling-reference", std::string("the ") + check.what + rows.column_text(0) +
                                                       "; it is skipped",
                 rows.column_int(1));
        }
    }
}

void ModelEmitter::report_not_converted() {
    auto classes = m_db.prepare(
        "SELECT class, count(*) FROM known WHERE class NOT IN ('Page', 'BlogPost', 'Comment', 'Attachment', "
        "'SpaceDescription', 'BodyContent', 'ConfluenceUserImpl', 'InternalUser', 'DefaultHibernateUser', "
        "'HibernateUser', 'Space', 'SpacePermission', 'Label', 'Labelling', 'OutgoingLink', 'ContentProperty', "
        "'ContentPermissionSet', 'ContentPermission') "
        "GROUP BY class ORDER BY class");
    std::string list;
    while (classes.step()) {
        list += (list.empty() ? "" : ", ") + classes.column_text(0) + " " + classes.column_text(1);
    }
    if (list.empty()) return;
    warn("confluence.classes-not-converted",
         "objects of these classes are counted but not converted (settings, groups, plugin data): " + list, 0, {},
         model::Severity::info);
}

}  // namespace baton::extract::confluence
