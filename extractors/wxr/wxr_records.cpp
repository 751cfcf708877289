// Turns one parsed WXR record (author, category, tag, term, item) into canonical model objects.
#include "extractors/wxr/wxr_records.hpp"

#include <cctype>

#include "core/text.hpp"

namespace baton::extract::wxr {
namespace {

// WordPress.com writes https:// namespace URIs, self-hosted WordPress http://.
constexpr std::string_view wordpress_namespace = "http://wordpress.org/export/";
constexpr std::string_view wordpress_namespace_https = "https://wordpress.org/export/";
constexpr std::string_view content_namespace = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view dublin_core_namespace = "http://purl.org/dc/elements/1.1/";

void warn(model::ModelSink& sink, const RecordContext& context, std::int64_t line, std::string code,
          std::string text, std::string item_key = {}) {
    sink.message({model::Severity::warning, std::move(code), std::move(text), {context.file, line, 0},
                  std::move(item_key)});
}

// A record that cannot be kept: an error on the run (which ends "partial"), never a silent drop.
void skip(model::ModelSink& sink, const RecordContext& context, std::int64_t line, std::string code,
          std::string text, std::string item_key = {}) {
    sink.message({model::Severity::error, std::move(code), std::move(text), {context.file, line, 0},
                  std::move(item_key)});
}

void add_if_present(model::Attributes& attributes, const char* name, std::string_view value) {
    if (!value.empty()) attributes.emplace_back(name, std::string(value));
}

// wp:postmeta, wp:termmeta, wp:commentmeta children become "meta:<key>" attributes, in order.
void add_meta(model::Attributes& attributes, const XmlElement& record, std::string_view meta_element) {
    for (const auto& child : record.children) {
        if (child.name != meta_element) continue;
        const std::string key(child.child_text("wp:meta_key"));
        if (!key.empty()) attributes.emplace_back("meta:" + key, std::string(child.child_text("wp:meta_value")));
    }
}

bool is_digits(const std::string& value) {
    if (value.empty()) return false;
    for (const char c : value) {
        if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
    }
    return true;
}

// The container key of an item's <category domain=".." nicename="..">; WXR 1.0 wrote domain="tag".
std::string term_key(const std::string& taxonomy, const std::string& slug) {
    if (taxonomy == "tag" || taxonomy == "post_tag") return "post_tag:" + slug;
    return taxonomy + ":" + slug;
}

std::string container_kind(const std::string& taxonomy) {
    if (taxonomy == "post_tag" || taxonomy == "tag") return "tag";
    return taxonomy;
}

void emit_container_once(model::Container container, RecordContext& context, model::ModelSink& sink) {
    context.emitted_containers.put(container.key, true);
    sink.container(std::move(container));
}

std::string comment_status(std::string_view approved) {
    if (approved == "1") return "approved";
    if (approved == "0") return "pending";
    return approved.empty() ? std::string("approved") : std::string(approved);  // "spam", "trash"
}

std::string person_key_for_commenter(const XmlElement& comment, const RecordContext& context) {
    const std::string user_id(comment.child_text("wp:comment_user_id"));
    if (!user_id.empty() && user_id != "0") {
        if (const auto login = context.login_by_author_id.find(user_id); login != context.login_by_author_id.end()) {
            return "login:" + login->second;
        }
    }
    const std::string email = text::to_lower_ascii(text::trim(comment.child_text("wp:comment_author_email")));
    if (!email.empty()) return "email:" + email;
    const std::string name = text::trim(comment.child_text("wp:comment_author"));
    if (!name.empty()) return "name:" + name;
    const std::string ip = text::trim(comment.child_text("wp:comment_author_IP"));
    if (!ip.empty()) return "ip:" + ip;
    return {};
}

// What a comment needs to know of the post it belongs to.
struct PostRef {
    std::string key;
    std::string url;
};

void emit_comment(const XmlElement& comment, const PostRef& post, RecordContext& context,
                  model::ModelSink& sink) {
    const std::string id = text::trim(comment.child_text("wp:comment_id"));
    if (id.empty()) {
        skip(sink, context, comment.line, "wxr.comment-without-id",
             "a comment on " + post.key + " has no wp:comment_id; it is skipped", post.key);
        return;
    }
    model::Item item;
    item.key = "comment:" + id;
    // Pingbacks and trackbacks are machine notices; every other type (plugins add "review",
    // "order_note", ...) is a comment by someone, its type kept as an attribute.
    const std::string type = text::trim(comment.child_text("wp:comment_type"));
    item.kind = type == "pingback" || type == "trackback" ? type : std::string("comment");
    item.status = comment_status(comment.child_text("wp:comment_approved"));
    item.url = post.url.empty() ? std::string() : post.url + "#comment-" + id;
    item.created_at = normalise_date(comment.child_text("wp:comment_date_gmt"), true);
    if (item.created_at.empty()) item.created_at = normalise_date(comment.child_text("wp:comment_date"), false);
    item.modified_at = item.created_at;
    item.author_key = person_key_for_commenter(comment, context);
    item.parent_key = post.key;
    const std::string parent = text::trim(comment.child_text("wp:comment_parent"));
    if (!parent.empty() && parent != "0") item.reply_to_key = "comment:" + parent;
    item.body = {"wordpress-html", std::string(comment.child_text("wp:comment_content"))};
    item.source_line = comment.line;
    if (item.kind == "comment" && type != "comment") add_if_present(item.attributes, "comment_type", type);
    add_if_present(item.attributes, "author_url", comment.child_text("wp:comment_author_url"));
    add_if_present(item.attributes, "author_ip", comment.child_text("wp:comment_author_IP"));
    add_meta(item.attributes, comment, "wp:commentmeta");
    item.revisions.push_back({"exported", item.author_key, item.created_at,
                              static_cast<std::int64_t>(item.body.text.size()), {}, {}});

    if (!item.author_key.empty() && item.author_key.rfind("login:", 0) != 0 &&
        context.emitted_people.first_sight(item.author_key)) {
        model::Person person;
        person.key = item.author_key;
        person.display_name = text::trim(comment.child_text("wp:comment_author"));
        person.email = text::trim(comment.child_text("wp:comment_author_email"));
        add_if_present(person.attributes, "url", comment.child_text("wp:comment_author_url"));
        person.declared = false;  // a commenter, not in the export's author list
        sink.person(std::move(person));
    }
    sink.item(std::move(item));
}

}  // namespace

std::string classify(std::string_view namespace_uri, std::string_view local_name) {
    if (namespace_uri.empty()) return std::string(local_name);
    if (namespace_uri.starts_with(wordpress_namespace) || namespace_uri.starts_with(wordpress_namespace_https)) {
        const bool excerpt = namespace_uri.ends_with("/excerpt/");
        return (excerpt ? "excerpt:" : "wp:") + std::string(local_name);
    }
    if (namespace_uri == content_namespace) return "content:" + std::string(local_name);
    if (namespace_uri == dublin_core_namespace) return "dc:" + std::string(local_name);
    return {};
}

std::string normalise_date(std::string_view wordpress_date, bool gmt) {
    const std::string value = text::trim(wordpress_date);
    // WordPress writes "YYYY-MM-DD HH:MM:SS"; all zeros means "not set" (drafts).
    if (value.size() != 19 || value[4] != '-' || value[7] != '-' || value[10] != ' ' || value[13] != ':' ||
        value[16] != ':') {
        return {};
    }
    for (const std::size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U, 11U, 12U, 14U, 15U, 17U, 18U}) {
        if (std::isdigit(static_cast<unsigned char>(value[i])) == 0) return {};
    }
    if (value.starts_with("0000-00-00")) return {};
    std::string iso = value;
    iso[10] = 'T';
    if (gmt) iso += 'Z';
    return iso;
}

void emit_author(const XmlElement& record, RecordContext& context, model::ModelSink& sink) {
    const std::string login = text::trim(record.child_text("wp:author_login"));
    if (login.empty()) {
        skip(sink, context, record.line, "wxr.author-without-login", "an author record has no wp:author_login; skipped");
        return;
    }
    model::Person person;
    person.key = "login:" + login;
    person.login = login;
    person.display_name = record.child_text("wp:author_display_name");
    person.email = text::trim(record.child_text("wp:author_email"));
    const std::string id = text::trim(record.child_text("wp:author_id"));
    add_if_present(person.attributes, "author_id", id);
    add_if_present(person.attributes, "first_name", record.child_text("wp:author_first_name"));
    add_if_present(person.attributes, "last_name", record.child_text("wp:author_last_name"));
    if (!id.empty()) context.login_by_author_id[id] = login;
    context.listed_logins.insert(login);
    context.has_author_list = true;
    sink.person(std::move(person));
}

void emit_category(const XmlElement& record, RecordContext& context, model::ModelSink& sink) {
    const std::string slug = text::trim(record.child_text("wp:category_nicename"));
    if (slug.empty()) {
        skip(sink, context, record.line, "wxr.category-without-slug",
             "a category has no wp:category_nicename; skipped");
        return;
    }
    model::Container container;
    container.key = "category:" + slug;
    container.kind = "category";
    container.slug = slug;
    container.name = record.child_text("wp:cat_name");
    const std::string parent = text::trim(record.child_text("wp:category_parent"));
    if (!parent.empty()) container.parent_key = "category:" + parent;
    container.description = record.child_text("wp:category_description");
    add_if_present(container.attributes, "term_id", text::trim(record.child_text("wp:term_id")));
    add_meta(container.attributes, record, "wp:termmeta");
    emit_container_once(std::move(container), context, sink);
}

void emit_tag(const XmlElement& record, RecordContext& context, model::ModelSink& sink) {
    const std::string slug = text::trim(record.child_text("wp:tag_slug"));
    if (slug.empty()) {
        skip(sink, context, record.line, "wxr.tag-without-slug", "a tag has no wp:tag_slug; skipped");
        return;
    }
    model::Container container;
    container.key = "post_tag:" + slug;
    container.kind = "tag";
    container.slug = slug;
    container.name = record.child_text("wp:tag_name");
    container.description = record.child_text("wp:tag_description");
    add_if_present(container.attributes, "term_id", text::trim(record.child_text("wp:term_id")));
    add_meta(container.attributes, record, "wp:termmeta");
    emit_container_once(std::move(container), context, sink);
}

void emit_term(const XmlElement& record, RecordContext& context, model::ModelSink& sink) {
    const std::string taxonomy = text::trim(record.child_text("wp:term_taxonomy"));
    const std::string slug = text::trim(record.child_text("wp:term_slug"));
    if (taxonomy.empty() || slug.empty()) {
        skip(sink, context, record.line, "wxr.term-incomplete",
             "a term lacks wp:term_taxonomy or wp:term_slug; skipped");
        return;
    }
    model::Container container;
    container.key = term_key(taxonomy, slug);
    container.kind = container_kind(taxonomy);
    container.slug = slug;
    container.name = record.child_text("wp:term_name");
    const std::string parent = text::trim(record.child_text("wp:term_parent"));
    if (!parent.empty()) container.parent_key = term_key(taxonomy, parent);
    container.description = record.child_text("wp:term_description");
    add_if_present(container.attributes, "term_id", text::trim(record.child_text("wp:term_id")));
    add_meta(container.attributes, record, "wp:termmeta");
    emit_container_once(std::move(container), context, sink);
}

std::size_t emit_item(const XmlElement& record, RecordContext& context, model::ModelSink& sink) {
    model::Item item;
    const std::string post_id = text::trim(record.child_text("wp:post_id"));
    const std::string guid = text::trim(record.child_text("guid"));
    if (is_digits(post_id)) {
        item.key = "post:" + post_id;
    } else {
        item.key = !guid.empty() ? "guid:" + guid : "item-at-line:" + std::to_string(record.line);
        warn(sink, context, record.line, "wxr.item-without-id",
             (post_id.empty() ? std::string("an item has no wp:post_id") : "wp:post_id \"" + post_id + "\" is not a number") +
                 "; it is kept as " + item.key,
             item.key);
    }
    item.kind = text::trim(record.child_text("wp:post_type"));
    if (item.kind.empty()) item.kind = "post";  // WordPress's own default
    item.title = record.child_text("title");
    item.status = text::trim(record.child_text("wp:status"));
    item.slug = text::trim(record.child_text("wp:post_name"));
    item.url = text::trim(record.child_text("link"));
    item.created_at = normalise_date(record.child_text("wp:post_date_gmt"), true);
    if (item.created_at.empty()) item.created_at = normalise_date(record.child_text("wp:post_date"), false);
    item.modified_at = normalise_date(record.child_text("wp:post_modified_gmt"), true);
    if (item.modified_at.empty()) item.modified_at = normalise_date(record.child_text("wp:post_modified"), false);
    if (item.modified_at.empty()) item.modified_at = item.created_at;
    const std::string creator = text::trim(record.child_text("dc:creator"));
    if (!creator.empty()) item.author_key = "login:" + creator;
    const std::string parent = text::trim(record.child_text("wp:post_parent"));
    if (is_digits(parent) && parent != "0") item.parent_key = "post:" + parent;
    item.body = {"wordpress-html", std::string(record.child_text("content:encoded"))};
    item.source_line = record.line;

    add_if_present(item.attributes, "guid", guid);
    add_if_present(item.attributes, "description", record.child_text("description"));
    add_if_present(item.attributes, "excerpt", record.child_text("excerpt:encoded"));
    add_if_present(item.attributes, "pub_date", text::trim(record.child_text("pubDate")));
    add_if_present(item.attributes, "comment_status", record.child_text("wp:comment_status"));
    add_if_present(item.attributes, "ping_status", record.child_text("wp:ping_status"));
    add_if_present(item.attributes, "menu_order", record.child_text("wp:menu_order"));
    add_if_present(item.attributes, "post_password", record.child_text("wp:post_password"));
    add_if_present(item.attributes, "is_sticky", record.child_text("wp:is_sticky"));
    const std::string attachment_url = text::trim(record.child_text("wp:attachment_url"));
    add_if_present(item.attributes, "attachment_url", attachment_url);
    if (!attachment_url.empty()) {
        const auto slash = attachment_url.find_last_of('/');
        add_if_present(item.attributes, "file_name",
                       slash == std::string::npos ? attachment_url : attachment_url.substr(slash + 1));
    }
    add_meta(item.attributes, record, "wp:postmeta");

    for (const auto& child : record.children) {
        if (child.name != "category") continue;
        const std::string slug = text::trim(child.attribute("nicename"));
        if (slug.empty()) continue;  // WXR 1.0 repeats each term without nicename; WordPress ignores those
        std::string taxonomy = text::trim(child.attribute("domain"));
        if (taxonomy.empty()) taxonomy = "category";
        const std::string key = term_key(taxonomy, slug);
        bool listed = false;
        for (const auto& existing : item.container_keys) listed = listed || existing == key;
        if (listed) continue;
        item.container_keys.push_back(key);
        if (context.emitted_containers.find(key) == nullptr) {
            model::Container referenced{key, container_kind(taxonomy), child.text, slug, {}, {}, {}, false};
            emit_container_once(std::move(referenced), context, sink);
        }
    }

    // The exported state is one revision, by the last editor when WordPress recorded one (_edit_last).
    std::string editor = item.author_key;
    for (const auto& [name, value] : item.attributes) {
        if (name != "meta:_edit_last") continue;
        if (const auto login = context.login_by_author_id.find(value); login != context.login_by_author_id.end()) {
            editor = "login:" + login->second;
        }
    }
    item.revisions.push_back({"exported", editor, item.modified_at,
                              static_cast<std::int64_t>(item.body.text.size()), {}, {}});

    const bool listed = !creator.empty() && context.listed_logins.contains(creator);
    if (!item.author_key.empty() && !listed && context.emitted_people.first_sight(item.author_key)) {
        // An author the export's author list does not name: keep them as a person all the same.
        if (context.has_author_list) {
            warn(sink, context, record.line, "wxr.unlisted-author",
                 "dc:creator \"" + creator + "\" is not in the export's author list; kept as a person of its own",
                 item.key);
        }
        sink.person({item.author_key, creator, {}, {}, {}, false});
    }
    const PostRef post{item.key, item.url};
    sink.item(std::move(item));
    std::size_t emitted = 1;
    for (const auto& child : record.children) {
        if (child.name != "wp:comment") continue;
        emit_comment(child, post, context, sink);
        ++emitted;
    }
    return emitted;
}

}  // namespace baton::extract::wxr
