// MediaWiki XML dumps (export schema 0.3 to 0.11): pages with their full revision history, streamed.
#include "extractors/mediawiki/mediawiki_extractor.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>

#include "core/interrupt.hpp"
#include "extractors/common/source_key.hpp"
#include "extractors/mediawiki/upload_reader.hpp"
#include "core/text.hpp"

namespace baton::extract::mediawiki {
namespace {

// Elements of the dump's own namespace keep their plain names; any other namespace is skipped.
std::string classify(std::string_view namespace_uri, std::string_view local_name) {
    if (namespace_uri.empty() || namespace_uri.find("mediawiki.org/xml/export-") != std::string_view::npos) {
        return std::string(local_name);
    }
    return {};
}

// MediaWiki titles use spaces; links and old dumps may use underscores.
std::string normalise_title(std::string_view title) {
    std::string out = text::trim(title);
    for (char& c : out) {
        if (c == '_') c = ' ';
    }
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
}

// "[[Category:Fruit trees|Pear]]" -> "Fruit trees", for every category link in the text, in order.
std::vector<std::string> category_links(std::string_view wikitext, const std::string& local_prefix) {
    std::vector<std::string> names;
    for (std::size_t at = wikitext.find("[["); at != std::string_view::npos; at = wikitext.find("[[", at + 2)) {
        const std::string_view rest = wikitext.substr(at + 2);
        const auto colon = rest.find(':');
        if (colon == std::string_view::npos || colon > 40) continue;
        const std::string prefix = text::to_lower_ascii(text::trim(rest.substr(0, colon)));
        if (prefix != "category" && prefix != text::to_lower_ascii(local_prefix)) continue;
        const auto end = rest.find_first_of("|]", colon + 1);
        if (end == std::string_view::npos) continue;
        const std::string name = normalise_title(rest.substr(colon + 1, end - colon - 1));
        if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    return names;
}

}  // namespace

MediaWikiExtractor::MediaWikiExtractor(const std::string& path, const std::string& files_folder)
    : m_uploads(files_folder), m_stream(path) {}

model::SourceInfo MediaWikiExtractor::open() {
    m_source.kind = "mediawiki";
    m_source.locator = m_stream.path();
    bool saw_root = false;
    while (m_stream.next()) {
        if (m_stream.node() != XmlStream::Node::element) continue;
        if (m_stream.depth() == 0) {
            if (m_stream.local_name() != "mediawiki") {
                throw InputError(ExitCode::unrecognised_format, {m_stream.path(), m_stream.line(), 0},
                                 "this does not appear to be a MediaWiki XML dump: the root element is <" +
                                     std::string(m_stream.local_name()) + ">, not <mediawiki>",
                                 "make the dump with Special:Export or maintenance/dumpBackup.php");
            }
            saw_root = true;
            m_source.format_version = m_stream.attribute("version");  // the export schema, e.g. "0.10"
            continue;
        }
        if (m_stream.depth() != 1) continue;
        const std::string_view name = m_stream.element_name(&classify);
        if (name == "siteinfo") {
            m_stream.read_element(&classify, m_siteinfo);
            read_siteinfo();
            continue;
        }
        if (name == "page") {
            m_positioned_on_page = true;
            break;
        }
    }
    if (!saw_root) {
        throw InputError(ExitCode::unrecognised_format, {m_stream.path(), 0, 0},
                         "this does not appear to be a MediaWiki XML dump: it has no <mediawiki> element");
    }
    if (m_source.site_url.empty()) {
        m_source.key = file_source_key(m_stream.path());
    } else {
        m_source.key = m_source.site_url;
    }
    return m_source;
}

void MediaWikiExtractor::read_siteinfo() {
    m_source.title = text::trim(m_siteinfo.child_text("sitename"));
    m_source.site_url = text::trim(m_siteinfo.child_text("base"));
    const XmlElement* namespaces = m_siteinfo.child("namespaces");
    if (namespaces == nullptr) return;
    for (const auto& entry : namespaces->children) {
        if (entry.name != "namespace") continue;
        const std::string key = entry.attribute("key");
        if (key.empty()) continue;
        const auto number = text::parse_int(key);
        if (!number || *number < INT32_MIN || *number > INT32_MAX) {
            model::Message message;
            message.code = "mediawiki.bad-namespace";
            message.text = "the namespace key \"" + key + "\" is not a number; the namespace is left out";
            message.position = {m_stream.path(), entry.line > 0 ? entry.line : namespaces->line, 0};
            m_open_messages.push_back(std::move(message));
            continue;
        }
        const int id = static_cast<int>(*number);
        const std::string name = text::trim(entry.text);
        m_namespaces[id] = name;
        if (id == 14 && !name.empty()) m_category_prefix = name;
        model::Container container;
        container.key = "namespace:" + key;
        container.kind = "namespace";
        container.name = name.empty() ? std::string("(Main)") : name;
        container.slug = text::slugify(container.name);
        if (const std::string case_rule = entry.attribute("case"); !case_rule.empty()) {
            container.attributes.emplace_back("case", case_rule);
        }
        m_namespace_containers.push_back(std::move(container));
    }
}

int MediaWikiExtractor::namespace_of_title(const std::string& title) const {
    const auto colon = title.find(':');
    if (colon == std::string::npos) return 0;
    const std::string prefix = title.substr(0, colon);
    for (const auto& [id, name] : m_namespaces) {
        if (!name.empty() && name == prefix) return id;
    }
    return 0;
}

std::string MediaWikiExtractor::person_for(const XmlElement& contributor, model::ModelSink& sink) {
    if (!contributor.attribute("deleted").empty()) return {};
    const std::string username = text::trim(contributor.child_text("username"));
    if (!username.empty()) {
        const std::string key = "login:" + username;
        if (m_emitted_people.first_sight(key)) {
            model::Person person;
            person.key = key;
            person.login = username;
            person.display_name = username;
            if (const auto id = text::trim(contributor.child_text("id")); !id.empty()) {
                person.attributes.emplace_back("user_id", id);
            }
            sink.person(std::move(person));
        }
        return key;
    }
    const std::string ip = text::trim(contributor.child_text("ip"));
    if (ip.empty()) return {};
    const std::string key = "ip:" + ip;  // anonymous: kept, never an owner
    if (m_emitted_people.first_sight(key)) sink.person({key, {}, ip, {}, {}, false});
    return key;
}

model::Item MediaWikiExtractor::upload_item(const XmlElement& element, const UploadContents& contents,
                                            model::ModelSink& sink) {
    model::Item upload;
    upload.kind = "attachment";
    upload.status = "current";
    upload.title = text::trim(element.child_text("filename"));
    upload.created_at = text::trim(element.child_text("timestamp"));
    upload.modified_at = upload.created_at;
    upload.source_line = element.line;
    if (const XmlElement* contributor = element.child("contributor")) {
        upload.author_key = person_for(*contributor, sink);
    }
    for (const char* field : {"filename", "src", "size", "sha1base36", "rel"}) {
        if (const auto value = text::trim(element.child_text(field)); !value.empty()) {
            upload.attributes.emplace_back(field, value);
        }
    }
    if (const auto comment = text::trim(element.child_text("comment")); !comment.empty()) {
        upload.attributes.emplace_back("comment", comment);
    }
    add_file_attributes(upload, contents);
    return upload;
}

void MediaWikiExtractor::read_page(model::ModelSink& sink) {
    // The page's own fields come before its revisions; revisions are read one at a time, so a page
    // with a long history holds only its latest text and the metadata of each revision.
    model::Item item;
    item.kind = "page";
    item.source_line = m_stream.line();
    std::string page_id;
    std::string ns;
    std::string latest_text;
    std::string latest_revision;  // whose text latest_text is, not sent yet
    std::string latest_item_key;
    std::string latest_model = "wikitext";
    std::vector<std::pair<model::Item, UploadContents>> uploads;  // a file page's uploads, sent after the page
    XmlElement element;
    const int page_depth = m_stream.depth();
    if (m_stream.is_empty_element()) {
        // <page/> has no end node to wait for, and nothing to keep: reported, not read into the next page.
        model::Message message;
        message.code = "mediawiki.empty-page";
        message.text = "a <page> element without title, id or revisions; nothing to keep";
        message.position = {m_stream.path(), item.source_line, 0};
        sink.message(std::move(message));
        return;
    }
    while (m_stream.next()) {
        if (m_stream.node() == XmlStream::Node::end_element && m_stream.depth() == page_depth) break;
        if (m_stream.node() != XmlStream::Node::element || m_stream.depth() != page_depth + 1) continue;
        const std::string_view name = m_stream.element_name(&classify);
        if (name.empty()) {
            (void)m_stream.read_element(&classify);
            continue;
        }
        if (name == "upload") {
            auto& [upload, contents] = uploads.emplace_back();
            contents = read_upload(m_stream, &classify, m_uploads, element);
            upload = upload_item(element, contents, sink);
            continue;
        }
        m_stream.read_element(&classify, element);
        if (name == "title") {
            item.title = text::trim(element.text);
        } else if (name == "ns") {
            ns = text::trim(element.text);
        } else if (name == "id") {
            page_id = text::trim(element.text);
        } else if (name == "redirect") {
            item.status = "redirect";
            if (const auto target = element.attribute("title"); !target.empty()) {
                item.attributes.emplace_back("redirect_to", target);
            }
        } else if (name == "restrictions") {
            item.attributes.emplace_back("restrictions", text::trim(element.text));
        } else if (name == "revision") {
            model::Revision revision;
            revision.key = text::trim(element.child_text("id"));
            revision.timestamp = text::trim(element.child_text("timestamp"));
            if (const XmlElement* contributor = element.child("contributor")) {
                revision.author_key = person_for(*contributor, sink);
            }
            revision.comment = std::string(element.child_text("comment"));
            const XmlElement* body = element.child("text");
            const std::string bytes = body != nullptr ? body->attribute("bytes") : std::string();
            const auto declared_size = text::parse_int(bytes);
            revision.size = declared_size ? *declared_size
                                          : (body != nullptr ? static_cast<std::int64_t>(body->text.size()) : 0);
            if (!bytes.empty() && !declared_size) {
                model::Message message;
                message.code = "mediawiki.bad-number";
                message.text = "revision " + revision.key + " of \"" + item.title + "\" gives its size as \"" + bytes +
                               "\", not a number; the size of its text is used";
                message.position = {m_stream.path(), element.line, 0};
                sink.message(std::move(message));
            }
            if (revision.timestamp.empty()) {
                sink.message({model::Severity::warning, "mediawiki.revision-without-timestamp",
                              "revision " + revision.key + " of \"" + item.title + "\" has no timestamp",
                              {m_stream.path(), element.line, 0}, {}});
            }
            const auto add = [&](const char* attribute, std::string value) {
                if (!value.empty()) revision.attributes.emplace_back(attribute, std::move(value));
            };
            add("parent_id", text::trim(element.child_text("parentid")));
            add("minor", element.child("minor") != nullptr ? "1" : "");
            add("sha1", text::trim(element.child_text("sha1")));
            add("model", text::trim(element.child_text("model")));
            add("format", text::trim(element.child_text("format")));
            if (const XmlElement* comment = element.child("comment"); comment != nullptr) {
                add("comment_deleted", comment->attribute("deleted").empty() ? "" : "1");
            }
            if (const XmlElement* contributor = element.child("contributor"); contributor != nullptr) {
                add("contributor_deleted", contributor->attribute("deleted").empty() ? "" : "1");
            }
            if (body != nullptr && !body->attribute("deleted").empty()) {
                add("text_deleted", "1");
            } else if (body != nullptr) {
                // Each revision's text goes out once the next one is read; the latest stays, as the body,
                // and its revision text only points at it.
                if (!latest_revision.empty()) {
                    sink.revision_text({latest_item_key, latest_revision, std::move(latest_text), false});
                }
                latest_item_key = !page_id.empty() ? "page:" + page_id : "title:" + item.title;
                latest_revision = revision.key;
                latest_text = body->text;
            }
            if (const auto model_name = text::trim(element.child_text("model")); !model_name.empty()) {
                latest_model = model_name;
            }
            item.revisions.push_back(std::move(revision));
        }
    }
    item.key = !page_id.empty() ? "page:" + page_id : "title:" + item.title;
    const auto ns_number = text::parse_int(ns);
    const bool ns_usable = ns_number && *ns_number >= INT32_MIN && *ns_number <= INT32_MAX;
    const int namespace_id = ns_usable ? static_cast<int>(*ns_number) : namespace_of_title(item.title);
    if (!ns.empty() && !ns_usable) {
        model::Message message;
        message.code = "mediawiki.bad-number";
        message.text = "page \"" + item.title + "\" gives its namespace as \"" + ns +
                       "\", not a number; the namespace is taken from its title";
        message.position = {m_stream.path(), item.source_line, 0};
        message.item_key = item.key;
        sink.message(std::move(message));
    }
    item.container_keys.push_back("namespace:" + std::to_string(namespace_id));
    for (const auto& category : category_links(latest_text, m_category_prefix)) {
        const std::string key = "category:" + category;
        item.container_keys.push_back(key);
        sink.container({key, "category", category, text::slugify(category), {}, {}, {}, false});
    }
    if (item.status.empty()) item.status = "current";
    if (!item.revisions.empty()) {
        item.created_at = item.revisions.front().timestamp;
        item.modified_at = item.revisions.back().timestamp;
        item.author_key = item.revisions.front().author_key;
        item.attributes.emplace_back("latest_revision", item.revisions.back().key);
    }
    item.attributes.emplace_back("namespace", std::to_string(namespace_id));
    if (!latest_revision.empty()) {
        model::RevisionText latest;
        latest.item_key = item.key;
        latest.revision_key = latest_revision;
        latest.same_as_body = true;
        sink.revision_text(std::move(latest));
    }
    item.body = {latest_model, std::move(latest_text)};
    const std::string page_key = item.key;
    sink.item(std::move(item));
    for (auto& [upload, contents] : uploads) {
        upload.key = "upload:" + page_key.substr(page_key.find(':') + 1) + "@" + upload.created_at;
        upload.parent_key = page_key;
        for (auto& message : upload_messages(upload, contents, m_stream.path())) sink.message(std::move(message));
        sink.item(std::move(upload));
    }
}

void MediaWikiExtractor::extract(model::ModelSink& sink, const ProgressCallback& progress) {
    if (!m_positioned_on_page && m_source.kind.empty()) open();
    for (auto& container : m_namespace_containers) sink.container(std::move(container));
    m_namespace_containers.clear();
    for (auto& message : m_open_messages) sink.message(std::move(message));
    m_open_messages.clear();
    std::uint64_t pages = 0;
    while (m_positioned_on_page || m_stream.next()) {
        m_positioned_on_page = false;
        if (m_stream.node() != XmlStream::Node::element || m_stream.depth() != 1) continue;
        if (m_stream.element_name(&classify) != "page") {
            if (!m_stream.is_empty_element()) (void)m_stream.read_element(&classify);
            continue;
        }
        read_page(sink);
        if (++pages % 64 == 0) {
            throw_if_interrupted();
            if (progress) progress(pages, m_stream.bytes_consumed());
        }
    }
    for (auto& [line, warning] : m_stream.take_warnings()) {
        sink.message({model::Severity::warning, "xml-warning", std::move(warning), {m_stream.path(), line, 0}, {}});
    }
    if (progress) progress(pages, m_stream.file_size());
}

}  // namespace baton::extract::mediawiki

namespace baton::extract {
std::unique_ptr<Extractor> create_mediawiki_extractor(const std::string& path, const ExtractOptions& options) {
    return std::make_unique<mediawiki::MediaWikiExtractor>(
        path, options.files_dir.empty() ? std::string() : (options.files_dir / "mediawiki").string());
}
}  // namespace baton::extract
