// Static HTML intranets: a folder tree of .htm/.html pages, folders as containers, linked files as attachments.
#include "extractors/html/html_extractor.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <vector>

#include "core/interrupt.hpp"
#include "core/text.hpp"

namespace baton::extract::html {
namespace fs = std::filesystem;
namespace {

std::string lower_extension(const fs::path& path) { return text::to_lower_ascii(path.extension().string()); }

// The file's modification time as ISO 8601 UTC, "" when it cannot be read.
std::string modified_time(const fs::path& path, std::int64_t* size = nullptr) {
    struct stat status {};
    if (stat(path.c_str(), &status) != 0) return {};
    if (size != nullptr) *size = static_cast<std::int64_t>(status.st_size);
    std::tm parts{};
    gmtime_r(&status.st_mtime, &parts);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return buffer;
}

std::string folder_of(const std::string& relative) {
    const auto slash = relative.rfind('/');
    return slash == std::string::npos ? std::string() : relative.substr(0, slash);
}

std::string percent_decoded(std::string_view value) {
    std::string out;
    for (std::size_t at = 0; at < value.size(); ++at) {
        if (value[at] == '%' && at + 2 < value.size() && std::isxdigit(static_cast<unsigned char>(value[at + 1])) &&
            std::isxdigit(static_cast<unsigned char>(value[at + 2]))) {
            out += static_cast<char>(std::stoi(std::string(value.substr(at + 1, 2)), nullptr, 16));
            at += 2;
        } else {
            out += value[at];
        }
    }
    return out;
}

bool has_scheme(std::string_view target, std::string& scheme) {
    const auto colon = target.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    for (std::size_t i = 0; i < colon; ++i) {
        const char c = target[i];
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) return false;
    }
    scheme = text::to_lower_ascii(target.substr(0, colon));
    return true;
}

// "Keywords: a, b; c" as Word and <meta name=keywords> write them.
std::vector<std::string> split_keywords(std::string_view value) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start <= value.size()) {
        const auto end = value.find_first_of(",;", start);
        std::string word = text::trim(value.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (!word.empty() && std::find(words.begin(), words.end(), word) == words.end()) words.push_back(std::move(word));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return words;
}

std::string first_of(const model::Attributes& attributes, std::initializer_list<std::string_view> names) {
    for (const auto name : names) {
        if (std::string value = attribute_value(attributes, name); !value.empty()) return value;
    }
    return {};
}

}  // namespace

bool is_page_file(const fs::path& path) {
    const std::string extension = lower_extension(path);
    return extension == ".htm" || extension == ".html";
}

ResolvedReference resolve_reference(const fs::path& root, const std::string& page_path, const std::string& target) {
    if (target.empty()) return {};
    if (target[0] == '#') return {"anchor", target};
    std::string scheme;
    if (target.starts_with("//")) return {"external", target};
    if (has_scheme(target, scheme)) {
        if (scheme == "javascript" || scheme == "data" || scheme == "about") return {};
        if (scheme.size() == 1) return {"outside", target};  // a drive letter: C:\...
        return {"external", target};
    }
    std::string path = target.substr(0, target.find_first_of("?#"));
    if (path.empty()) return {"anchor", target};  // "?x" or "#x" on the page itself
    path = percent_decoded(path);
    std::replace(path.begin(), path.end(), '\\', '/');  // file-share pages link with backslashes
    if (path.starts_with("//")) return {"outside", target};  // \\server\share\...: another share
    fs::path relative = path[0] == '/' ? fs::path(path.substr(1)) : fs::path(folder_of(page_path)) / path;
    relative = relative.lexically_normal();
    std::string normal = relative.generic_string();
    if (normal.empty() || normal == "." || normal.starts_with("../") || normal == "..") return {"outside", target};
    if (normal.ends_with("/")) normal.pop_back();
    std::error_code error;
    const fs::path full = root / normal;
    if (fs::is_directory(full, error)) {
        for (const char* index : {"index.html", "index.htm", "default.htm", "default.html"}) {
            if (fs::is_regular_file(full / index, error)) return {"page", normal + "/" + index};
        }
        return {"missing", normal};
    }
    if (!fs::is_regular_file(full, error)) return {"missing", normal};
    return {is_page_file(full) ? "page" : "file", normal};
}

HtmlExtractor::HtmlExtractor(const std::string& root) : m_root(root) {}

model::SourceInfo HtmlExtractor::open() {
    std::error_code error;
    if (!fs::exists(m_root, error)) {
        throw InputError(ExitCode::input_unreadable, {m_root.string(), 0, 0}, "no such folder",
                         "name the folder that holds the intranet's .htm/.html pages");
    }
    if (!fs::is_directory(m_root, error)) {
        throw InputError(ExitCode::unrecognised_format, {m_root.string(), 0, 0},
                         "not a folder: html: reads a folder tree of .htm/.html pages",
                         "name the folder that holds the pages, not one page");
    }
    const fs::path absolute = fs::absolute(m_root, error).lexically_normal();
    m_source.kind = "html";
    m_source.locator = m_root.string();
    m_source.key = "html:" + (error ? m_root.string() : absolute.string());
    std::string name = absolute.filename().string();
    if (name.empty() && absolute.has_parent_path()) name = absolute.parent_path().filename().string();
    m_source.title = name.empty() ? absolute.string() : name;
    return m_source;
}

void HtmlExtractor::extract(model::ModelSink& sink, const ProgressCallback& progress) {
    if (m_source.kind.empty()) open();
    walk_folder({}, sink, progress);
    if (progress) progress(m_pages, m_bytes);
}

void HtmlExtractor::walk_folder(const fs::path& relative, model::ModelSink& sink, const ProgressCallback& progress) {
    // One folder's listing at a time, sorted: memory follows the widest folder, not the tree.
    std::vector<std::pair<std::string, bool>> entries;  // name, is a folder
    std::error_code error;
    for (fs::directory_iterator it(m_root / relative, fs::directory_options::skip_permission_denied, error), end;
         !error && it != end; it.increment(error)) {
        const auto status = it->symlink_status(error);
        if (error) break;
        if (fs::is_directory(status)) {
            entries.emplace_back(it->path().filename().string(), true);
        } else if (it->is_regular_file(error) && is_page_file(it->path())) {
            entries.emplace_back(it->path().filename().string(), false);
        }
    }
    if (error) {
        model::Message message;
        message.severity = model::Severity::error;
        message.code = "html.unreadable-folder";
        message.text = "cannot list the folder (" + error.message() + "); its pages are skipped";
        message.position = {(m_root / relative).string(), 0, 0};
        sink.message(std::move(message));
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& [name, is_folder] : entries) {
        const fs::path child = relative / name;
        if (is_folder) {
            walk_folder(child, sink, progress);
            continue;
        }
        emit_page(child.generic_string(), sink);
        if (++m_pages % 64 == 0) {
            throw_if_interrupted();
            if (progress) progress(m_pages, m_bytes);
        }
    }
}

std::string HtmlExtractor::emit_folders(const std::string& relative_file, model::ModelSink& sink) {
    const std::string folder = folder_of(relative_file);
    if (folder.empty()) return {};
    std::size_t from = 0;
    std::string parent;
    while (true) {
        const auto slash = folder.find('/', from);
        const std::string current = folder.substr(0, slash);
        const std::string key = "folder:" + current;
        if (m_emitted.first_sight(key)) {
            model::Container container;
            container.key = key;
            container.kind = "folder";
            container.name = current.substr(from);
            container.slug = text::slugify(container.name);
            container.parent_key = parent.empty() ? "" : "folder:" + parent;
            container.attributes.emplace_back("path", current);
            sink.container(std::move(container));
        }
        if (slash == std::string::npos) break;
        parent = current;
        from = slash + 1;
    }
    return "folder:" + folder;
}

std::string HtmlExtractor::person(const std::string& name, model::ModelSink& sink) {
    const std::string display = text::trim(name);
    if (display.empty()) return {};
    const std::string key = "name:" + display;
    if (m_emitted.first_sight("person " + key)) {
        model::Person person;
        person.key = key;
        person.display_name = display;
        person.declared = false;
        sink.person(std::move(person));
    }
    return key;
}

void HtmlExtractor::emit_attachment(const std::string& relative, const std::string& page_key, model::ModelSink& sink) {
    const std::string key = "file:" + relative;
    if (!m_attachments.first_sight(key)) return;
    model::Item item;
    item.key = key;
    item.kind = "attachment";
    item.status = "current";
    item.title = fs::path(relative).filename().string();
    item.slug = text::slugify(fs::path(relative).stem().string());
    item.url = relative;
    std::int64_t size = 0;
    item.modified_at = modified_time(m_root / relative, &size);
    item.parent_key = page_key;
    if (const std::string folder = emit_folders(relative, sink); !folder.empty()) item.container_keys.push_back(folder);
    item.attributes.emplace_back("path", relative);
    item.attributes.emplace_back("size", std::to_string(size));
    item.attributes.emplace_back("extension", lower_extension(relative));
    sink.item(std::move(item));
}

void HtmlExtractor::add_references(const HtmlPage& page, const std::string& relative, model::Item& item,
                                   model::ModelSink& sink) {
    std::int64_t hyperlinks = 0;
    for (const auto& reference : page.references) {
        const ResolvedReference resolved = resolve_reference(m_root, relative, reference.target);
        if (resolved.kind.empty()) continue;
        const bool hyperlink = reference.kind == PageReference::Kind::hyperlink;
        if (hyperlink) ++hyperlinks;
        item.attributes.emplace_back((hyperlink ? "link_" : "embed_") + resolved.kind, resolved.path);
        if (resolved.kind == "file") emit_attachment(resolved.path, item.key, sink);
    }
    item.attributes.emplace_back("link_count", std::to_string(hyperlinks));
}

void HtmlExtractor::emit_page(const std::string& relative, model::ModelSink& sink) {
    const fs::path file = m_root / relative;
    HtmlPage page;
    try {
        page = parse_html_page(file.string());
    } catch (const InputError& error) {
        model::Message message;
        message.severity = model::Severity::error;
        message.code = "html.unreadable-page";
        message.text = error.problem() + "; the page is skipped";
        message.position = error.position();
        message.item_key = "page:" + relative;
        sink.message(std::move(message));
        return;
    }
    model::Item item;
    item.key = "page:" + relative;
    item.kind = "page";
    item.status = "current";
    item.url = relative;
    item.slug = text::slugify(fs::path(relative).stem().string());
    item.title = !page.title.empty() ? page.title : !page.first_heading.empty() ? page.first_heading
                                                                                  : fs::path(relative).stem().string();
    std::int64_t size = 0;
    const std::string mtime = modified_time(file, &size);
    m_bytes += static_cast<std::uint64_t>(size);

    // Word's own properties are the most precise; <meta> comes next, then the file system.
    const auto& office = page.office;
    const std::string author = first_of(office, {"Author"}).empty()
                                   ? first_of(page.meta, {"author", "dc.creator", "dcterms.creator", "originator-author"})
                                   : first_of(office, {"Author"});
    const std::string last_author = first_of(office, {"LastAuthor"});
    item.created_at = first_of(office, {"Created"});
    if (item.created_at.empty()) item.created_at = first_of(page.meta, {"dcterms.created", "dc.date.created", "created", "date", "dc.date"});
    item.modified_at = first_of(office, {"LastSaved"});
    if (item.modified_at.empty()) item.modified_at = first_of(page.meta, {"last-modified", "dcterms.modified", "dc.date.modified", "revised", "date", "dc.date"});
    if (item.modified_at.empty()) item.modified_at = mtime;
    item.author_key = person(author, sink);

    // The history a page keeps: who created it and who saved it last.
    if (!author.empty() || !item.created_at.empty()) {
        item.revisions.push_back({"created", item.author_key, item.created_at, 0, {}, {}});
    }
    if (!last_author.empty() && (last_author != author || item.modified_at != item.created_at)) {
        item.revisions.push_back({"last-saved", person(last_author, sink), item.modified_at, 0, {}, {}});
    }
    if (!item.revisions.empty()) item.revisions.back().size = static_cast<std::int64_t>(page.body.size());

    if (const std::string folder = emit_folders(relative, sink); !folder.empty()) item.container_keys.push_back(folder);
    std::vector<std::string> keywords = split_keywords(first_of(page.meta, {"keywords"}));
    for (auto& word : split_keywords(first_of(office, {"Keywords"}))) {
        if (std::find(keywords.begin(), keywords.end(), word) == keywords.end()) keywords.push_back(std::move(word));
    }
    for (const auto& word : keywords) {
        const std::string key = "keyword:" + text::to_lower_ascii(word);
        if (m_emitted.first_sight(key)) sink.container({key, "tag", word, text::slugify(word), {}, {}, {}, true});
        item.container_keys.push_back(key);
    }

    item.attributes.emplace_back("path", relative);
    item.attributes.emplace_back("encoding", page.encoding.name);
    item.attributes.emplace_back("encoding_source", page.encoding.source);
    if (!page.encoding.declared.empty()) item.attributes.emplace_back("declared_charset", page.encoding.declared);
    for (const auto& [name, value] : page.meta) item.attributes.emplace_back("meta:" + name, value);
    for (const auto& [name, value] : office) item.attributes.emplace_back("office:" + name, value);
    add_references(page, relative, item, sink);
    if (page.encoding.declared_wrong) {
        model::Message message;
        message.severity = model::Severity::warning;
        message.code = "html.wrong-charset";
        message.text = "the page declares charset \"" + page.encoding.declared +
                       "\" but its bytes are not in it; read as windows-1252";
        message.position = {file.string(), 0, 0};
        message.item_key = item.key;
        sink.message(std::move(message));
    }
    if (page.replaced_bytes > 0) {
        model::Message message;
        message.severity = model::Severity::warning;
        message.code = "html.undecodable-bytes";
        message.text = text::counted(static_cast<std::int64_t>(page.replaced_bytes), "byte") + " not defined in " +
                       page.encoding.name + " replaced";
        message.position = {file.string(), 0, 0};
        message.item_key = item.key;
        sink.message(std::move(message));
    }
    item.body = {"html", std::move(page.body)};
    sink.item(std::move(item));
}

}  // namespace baton::extract::html

namespace baton::extract {
std::unique_ptr<Extractor> create_html_extractor(const std::string& path, const ExtractOptions& /*options*/) {
    return std::make_unique<html::HtmlExtractor>(path);
}
}  // namespace baton::extract
