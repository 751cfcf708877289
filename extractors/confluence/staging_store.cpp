// The temporary SQLite file a Confluence export's objects are collected in before they are joined.
#include "extractors/confluence/staging_store.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "core/text.hpp"

namespace baton::extract::confluence {
namespace {

// One table per kind of object baton converts; `known` lists every object, to tell a dangling
// reference from one to a class baton does not convert.
constexpr std::string_view staging_schema = R"sql(
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -16000;
PRAGMA temp_store = FILE;
CREATE TABLE known(id TEXT NOT NULL, class TEXT NOT NULL, line INTEGER NOT NULL);
CREATE TABLE content(id TEXT NOT NULL, class TEXT NOT NULL, title TEXT, status TEXT, version INTEGER,
  creator_name TEXT, creator_key TEXT, created TEXT, modifier_name TEXT, modifier_key TEXT, modified TEXT,
  version_comment TEXT, original_id TEXT, parent_id TEXT, space_id TEXT, container_id TEXT, container_class TEXT,
  reply_to_id TEXT, position TEXT, file_name TEXT, content_type TEXT, file_size TEXT, line INTEGER NOT NULL);
CREATE TABLE body(content_id TEXT, body TEXT NOT NULL, body_type TEXT, line INTEGER NOT NULL);
CREATE TABLE user_key(key TEXT NOT NULL, name TEXT, email TEXT, line INTEGER NOT NULL);
CREATE TABLE user_detail(name TEXT NOT NULL, lower_name TEXT NOT NULL, display_name TEXT, email TEXT, active TEXT,
  class TEXT NOT NULL, line INTEGER NOT NULL);
CREATE TABLE space(id TEXT NOT NULL, key TEXT, name TEXT, description_id TEXT, home_page_id TEXT, status TEXT,
  type TEXT, creator_name TEXT, creator_key TEXT, created TEXT, line INTEGER NOT NULL);
CREATE TABLE permission(id TEXT, space_id TEXT, type TEXT, user_name TEXT, user_key TEXT, group_name TEXT,
  line INTEGER NOT NULL);
CREATE TABLE label(id TEXT NOT NULL, name TEXT, namespace TEXT, owner TEXT, line INTEGER NOT NULL);
CREATE TABLE labelling(id TEXT, content_id TEXT, label_id TEXT, line INTEGER NOT NULL);
CREATE TABLE link(id TEXT, source_id TEXT, destination_space TEXT, destination_title TEXT, line INTEGER NOT NULL);
CREATE TABLE property(id TEXT NOT NULL, name TEXT, value TEXT);
CREATE TABLE restriction_set(id TEXT NOT NULL, content_id TEXT, type TEXT, line INTEGER NOT NULL);
CREATE TABLE restriction(set_id TEXT, type TEXT, user_name TEXT, user_key TEXT, group_name TEXT,
  line INTEGER NOT NULL);
CREATE TABLE content_property(content_id TEXT NOT NULL, property_id TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE file(path TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE emitted_person(key TEXT PRIMARY KEY) WITHOUT ROWID;
BEGIN;
)sql";

constexpr std::string_view staging_indexes = R"sql(
CREATE INDEX known_id ON known(id);
CREATE INDEX content_id ON content(id);
CREATE INDEX content_original ON content(original_id);
CREATE INDEX content_container ON content(container_id, created, id);
CREATE INDEX body_content ON body(content_id);
CREATE INDEX user_key_key ON user_key(key);
CREATE INDEX user_key_lower_name ON user_key(lower(name));
CREATE INDEX user_detail_lower_name ON user_detail(lower_name);
CREATE INDEX space_id ON space(id);
CREATE INDEX permission_space ON permission(space_id);
CREATE INDEX label_id ON label(id);
CREATE INDEX labelling_content ON labelling(content_id);
CREATE INDEX link_source ON link(source_id);
CREATE INDEX property_id ON property(id);
CREATE INDEX content_property_content ON content_property(content_id);
CREATE INDEX restriction_set_content ON restriction_set(content_id);
CREATE INDEX restriction_set_id ON restriction(set_id);
)sql";

std::string fresh_path() {
    static std::atomic<int> counter{0};
    std::error_code error;
    auto folder = std::filesystem::temp_directory_path(error);
    if (error) folder = ".";
    return (folder / ("baton-confluence-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".db"))
        .string();
}

sql::Database open_fresh(const std::string& path) {
    std::error_code error;
    std::filesystem::remove(path, error);
    sql::Database db(path, sql::OpenMode::create);
    db.exec(staging_schema);
    return db;
}

// A user reference: the key of a ConfluenceUserImpl (Confluence 5.2+) or a user name (earlier).
void bind_user(sql::Statement& statement, int name_index, const HibernateObject& object, std::string_view name_property,
               std::string_view key_property) {
    statement.bind_text_or_null(name_index, text::trim(object.text(name_property)));
    statement.bind_text_or_null(name_index + 1, object.reference(key_property));
}

}  // namespace

StagingStore::StagingStore()
    : m_path(fresh_path()),
      m_db(open_fresh(m_path)),
      m_known(m_db.prepare("INSERT INTO known VALUES (?1, ?2, ?3)")),
      m_content(m_db.prepare("INSERT INTO content VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                             "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)")),
      m_body(m_db.prepare("INSERT INTO body VALUES (?1, ?2, ?3, ?4)")),
      m_user_key(m_db.prepare("INSERT INTO user_key VALUES (?1, ?2, ?3, ?4)")),
      m_user_detail(m_db.prepare("INSERT INTO user_detail VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")),
      m_space(m_db.prepare("INSERT INTO space VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")),
      m_permission(m_db.prepare("INSERT INTO permission VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")),
      m_label(m_db.prepare("INSERT INTO label VALUES (?1, ?2, ?3, ?4, ?5)")),
      m_labelling(m_db.prepare("INSERT INTO labelling VALUES (?1, ?2, ?3, ?4)")),
      m_link(m_db.prepare("INSERT INTO link VALUES (?1, ?2, ?3, ?4, ?5)")),
      m_property(m_db.prepare("INSERT INTO property VALUES (?1, ?2, ?3)")),
      m_content_property(m_db.prepare("INSERT INTO content_property VALUES (?1, ?2, ?3)")),
      m_restriction_set(m_db.prepare("INSERT INTO restriction_set VALUES (?1, ?2, ?3, ?4)")),
      m_restriction(m_db.prepare("INSERT INTO restriction VALUES (?1, ?2, ?3, ?4, ?5, ?6)")),
      m_file(m_db.prepare("INSERT OR IGNORE INTO file VALUES (?1)")) {}

StagingStore::~StagingStore() {
    std::error_code error;
    std::filesystem::remove(m_path, error);
}

void StagingStore::commit_batch() {
    if (++m_in_batch < 20000) return;
    m_db.exec("COMMIT; BEGIN;");
    m_in_batch = 0;
}

void StagingStore::add(const HibernateObject& object) {
    const std::string class_name = object.class_name();
    const std::string id = object.id();
    m_known.bind(1, id).bind(2, class_name).bind(3, object.line()).run();
    commit_batch();
    if (class_name == "Page" || class_name == "BlogPost" || class_name == "Comment" || class_name == "Attachment" ||
        class_name == "SpaceDescription") {
        add_content(object, class_name, id);
    } else if (class_name == "BodyContent") {
        const std::string type = text::trim(object.text("bodyType"));
        m_body.bind_text_or_null(1, object.reference("content"))
            .bind(2, object.text("body"))
            .bind_text_or_null(3, type)
            .bind(4, object.line())
            .run();
    } else if (class_name == "ConfluenceUserImpl") {
        m_user_key.bind(1, id)
            .bind_text_or_null(2, text::trim(object.text("name")))
            .bind_text_or_null(3, text::trim(object.text("email")))
            .bind(4, object.line())
            .run();
    } else if (class_name == "InternalUser" || class_name == "DefaultHibernateUser" || class_name == "HibernateUser") {
        // The credential component (a password hash) is never read.
        const std::string name = text::trim(object.text("name"));
        std::string display = text::trim(object.text("displayName"));
        if (display.empty()) display = text::trim(object.text("fullName"));
        std::string email = text::trim(object.text("emailAddress"));
        if (email.empty()) email = text::trim(object.text("email"));
        m_user_detail.bind(1, name)
            .bind(2, text::to_lower_ascii(name))
            .bind_text_or_null(3, display)
            .bind_text_or_null(4, email)
            .bind_text_or_null(5, text::trim(object.text("active")))
            .bind(6, class_name)
            .bind(7, object.line())
            .run();
    } else if (class_name == "Space") {
        m_space.bind(1, id)
            .bind_text_or_null(2, text::trim(object.text("key")))
            .bind_text_or_null(3, object.text("name"))
            .bind_text_or_null(4, object.reference("description"))
            .bind_text_or_null(5, object.reference("homePage"))
            .bind_text_or_null(6, text::trim(object.text("spaceStatus")))
            .bind_text_or_null(7, text::trim(object.text("spaceType")));
        bind_user(m_space, 8, object, "creatorName", "creator");
        m_space.bind_text_or_null(10, iso_timestamp(object.text("creationDate"))).bind(11, object.line()).run();
    } else if (class_name == "SpacePermission") {
        m_permission.bind(1, id)
            .bind_text_or_null(2, object.reference("space"))
            .bind_text_or_null(3, text::trim(object.text("type")));
        bind_user(m_permission, 4, object, "userName", "userSubject");
        m_permission.bind_text_or_null(6, text::trim(object.text("group"))).bind(7, object.line()).run();
    } else if (class_name == "Label") {
        m_label.bind(1, id)
            .bind_text_or_null(2, text::trim(object.text("name")))
            .bind_text_or_null(3, text::trim(object.text("namespace")))
            .bind_text_or_null(4, text::trim(object.text("owner")))
            .bind(5, object.line())
            .run();
    } else if (class_name == "Labelling") {
        m_labelling.bind(1, id)
            .bind_text_or_null(2, object.reference("content"))
            .bind_text_or_null(3, object.reference("label"))
            .bind(4, object.line())
            .run();
    } else if (class_name == "OutgoingLink") {
        m_link.bind(1, id)
            .bind_text_or_null(2, object.reference("sourceContent"))
            .bind_text_or_null(3, text::trim(object.text("destinationSpaceKey")))
            .bind_text_or_null(4, object.text("destinationPageTitle"))
            .bind(5, object.line())
            .run();
    } else if (class_name == "ContentPermissionSet") {  // page restrictions
        m_restriction_set.bind(1, id)
            .bind_text_or_null(2, object.reference("owningContent"))
            .bind_text_or_null(3, text::trim(object.text("type")))
            .bind(4, object.line())
            .run();
    } else if (class_name == "ContentPermission") {
        m_restriction.bind_text_or_null(1, object.reference("owningSet"))
            .bind_text_or_null(2, text::trim(object.text("type")));
        bind_user(m_restriction, 3, object, "userName", "userSubject");
        m_restriction.bind_text_or_null(5, text::trim(object.text("groupName"))).bind(6, object.line()).run();
    } else if (class_name == "ContentProperty") {
        std::string value = object.text("stringValue");
        if (value.empty()) value = text::trim(object.text("longValue"));
        if (value.empty()) value = iso_timestamp(object.text("dateValue"));
        m_property.bind(1, id).bind_text_or_null(2, text::trim(object.text("name"))).bind(3, value).run();
    }
}

void StagingStore::add_content(const HibernateObject& object, const std::string& class_name, const std::string& id) {
    std::string original = object.reference("originalVersion");
    if (original.empty()) original = text::trim(object.text("originalVersionId"));
    std::string container = object.reference("containerContent");
    std::string container_class = object.reference_class("containerContent");
    const std::string container_property = class_name == "Comment" ? "owner" : "content";
    if (container.empty() && class_name != "Page" && class_name != "BlogPost") {
        container = object.reference(container_property);
        container_class = object.reference_class(container_property);
    }
    std::string version = text::trim(object.text("version"));
    if (class_name == "Attachment" && object.has("attachmentVersion")) {
        version = text::trim(object.text("attachmentVersion"));
    }
    std::string file_name = object.text("fileName");
    if (class_name == "Attachment" && file_name.empty()) file_name = object.text("title");
    m_content.bind(1, id)
        .bind(2, class_name)
        .bind_text_or_null(3, object.text("title"))
        .bind_text_or_null(4, text::trim(object.text("contentStatus")));
    if (!version.empty() && version.find_first_not_of("0123456789") == std::string::npos && version.size() < 18) {
        m_content.bind(5, static_cast<std::int64_t>(std::stoll(version)));
    } else {
        m_content.bind(5, nullptr);
    }
    bind_user(m_content, 6, object, "creatorName", "creator");
    m_content.bind_text_or_null(8, iso_timestamp(object.text("creationDate")));
    bind_user(m_content, 9, object, "lastModifierName", "lastModifier");
    m_content.bind_text_or_null(11, iso_timestamp(object.text("lastModificationDate")))
        .bind_text_or_null(12, object.text("versionComment"))
        .bind_text_or_null(13, original)
        .bind_text_or_null(14, class_name == "Comment" ? std::string() : object.reference("parent"))
        .bind_text_or_null(15, object.reference("space"))
        .bind_text_or_null(16, container)
        .bind_text_or_null(17, container_class)
        .bind_text_or_null(18, class_name == "Comment" ? object.reference("parent") : std::string())
        .bind_text_or_null(19, text::trim(object.text("position")))
        .bind_text_or_null(20, file_name)
        .bind_text_or_null(21, text::trim(object.text("contentType")))
        .bind_text_or_null(22, text::trim(object.text("fileSize")))
        .bind(23, object.line())
        .run();
    std::int64_t position = 0;
    for (const auto& property_id : object.collection("contentProperties")) {
        m_content_property.bind(1, id).bind(2, property_id).bind(3, position++).run();
    }
}

void StagingStore::add_file(const std::string& relative_path) {
    m_file.bind(1, relative_path).run();
    commit_batch();
}

void StagingStore::finish_loading() {
    m_db.exec("COMMIT;");
    m_db.exec(staging_indexes);
    m_db.exec("BEGIN;");  // emitted_person rows are written while the model goes out
}

}  // namespace baton::extract::confluence
