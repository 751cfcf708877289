// DokuWiki data folders: pages/**.txt and media/** with their *.changes history, namespaces from folders.
#include "extractors/dokuwiki/dokuwiki_extractor.hpp"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <optional>
#include <sstream>

#include <sys/stat.h>
#include <zlib.h>

#include "core/interrupt.hpp"
#include "core/text.hpp"

namespace baton::extract::dokuwiki {
namespace fs = std::filesystem;
namespace {

std::string iso_utc(std::int64_t epoch_seconds) {
    const auto seconds = static_cast<std::time_t>(epoch_seconds);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return buffer;
}

// "wiki:syntax" for pages/wiki/syntax.txt (DokuWiki ids use ':' between namespaces).
std::string page_id_of(const fs::path& relative) {
    std::string id = relative.generic_string();
    if (id.size() > 4) id.resize(id.size() - 4);  // ".txt" / the caller strips other suffixes
    std::replace(id.begin(), id.end(), '/', ':');
    return id;
}

// "wiki:logo.png" for media/wiki/logo.png: media ids keep their file name whole.
std::string media_id_of(const fs::path& relative) {
    std::string id = relative.generic_string();
    std::replace(id.begin(), id.end(), '/', ':');
    return id;
}

// The folder path of an id: "wiki:syntax" -> "wiki/syntax".
std::string relative_path_of(std::string id) {
    std::replace(id.begin(), id.end(), ':', '/');
    return id;
}

std::string namespace_of(const std::string& page_id) {
    const auto colon = page_id.rfind(':');
    return colon == std::string::npos ? std::string() : page_id.substr(0, colon);
}

// The first "====== Heading ======" of a page, DokuWiki's own page title.
std::string first_heading(const std::string& body) {
    std::istringstream lines(body);
    std::string line;
    while (std::getline(lines, line)) {
        const std::string trimmed = text::trim(line);
        if (trimmed.size() > 4 && trimmed.starts_with("==") && trimmed.ends_with("==")) {
            const auto first = trimmed.find_first_not_of('=');
            if (first == std::string::npos) continue;  // a line of '=' only is no heading
            const auto last = trimmed.find_last_not_of('=');
            return text::trim(std::string_view(trimmed).substr(first, last - first + 1));
        }
    }
    return {};
}

// Regular files below `root` ending in `suffix`, sorted, so runs are repeatable.
std::vector<fs::path> files_below(const fs::path& root, const std::string& suffix) {
    std::vector<fs::path> files;
    std::error_code error;
    if (!fs::is_directory(root, error)) return files;
    for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, error), end;
         it != end; it.increment(error)) {
        if (error) break;
        if (it->is_regular_file(error) && it->path().filename().string().ends_with(suffix)) {
            files.push_back(fs::relative(it->path(), root, error));
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

// An old revision's text from attic/<ns>/<page>.<timestamp>.txt.gz; nullopt when DokuWiki kept none.
std::optional<std::string> attic_text(const fs::path& attic_file) {
    std::error_code error;
    if (!fs::exists(attic_file, error)) return std::nullopt;
    gzFile file = gzopen(attic_file.c_str(), "rb");
    if (file == nullptr) return std::nullopt;
    std::string text;
    char buffer[65536];
    int got = 0;
    while ((got = gzread(file, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(got));
    const bool ok = got == 0;
    gzclose(file);
    if (!ok) return std::nullopt;
    return text;
}

}  // namespace

bool parse_change_line(const std::string& line, ChangeLine& change, std::string& problem) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t tab = line.find('\t'); tab != std::string::npos; tab = line.find('\t', start)) {
        fields.push_back(line.substr(start, tab - start));
        start = tab + 1;
    }
    fields.push_back(line.substr(start));
    if (fields.size() < 6) {
        problem = "expected at least 6 tab-separated fields (timestamp, ip, type, id, user, summary), found " +
                  std::to_string(fields.size());
        return false;
    }
    const std::string& timestamp = fields[0];
    if (timestamp.empty() || !std::all_of(timestamp.begin(), timestamp.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        problem = "the timestamp \"" + timestamp + "\" is not a number of seconds";
        return false;
    }
    const auto seconds = text::parse_int(timestamp);
    if (!seconds) {
        problem = "the timestamp \"" + timestamp + "\" is out of range";
        return false;
    }
    change.timestamp = *seconds;
    change.ip = fields[1];
    change.type = fields[2].empty() ? 'E' : fields[2][0];
    change.id = fields[3];
    change.user = fields[4];
    change.summary = fields[5];
    return true;
}

DokuWikiExtractor::DokuWikiExtractor(const std::string& data_dir) : m_root(data_dir) {}

model::SourceInfo DokuWikiExtractor::open() {
    std::error_code error;
    if (!fs::is_directory(m_root, error)) {
        throw InputError(ExitCode::input_unreadable, {m_root.string(), 0, 0}, "no such folder",
                         "name DokuWiki's data folder, the one holding pages/ and meta/");
    }
    if (!fs::is_directory(m_root / "pages", error)) {
        throw InputError(ExitCode::unrecognised_format, {m_root.string(), 0, 0},
                         "this does not appear to be a DokuWiki data folder: it has no pages/ folder",
                         "name DokuWiki's data folder, the one holding pages/ and meta/");
    }
    const fs::path absolute = fs::absolute(m_root, error).lexically_normal();
    m_source.kind = "dokuwiki";
    m_source.locator = m_root.string();
    m_source.key = "dokuwiki:" + (error ? m_root.string() : absolute.string());
    m_source.title = absolute.has_parent_path() ? absolute.parent_path().filename().string() : absolute.string();
    return m_source;
}

std::string DokuWikiExtractor::person_for(const ChangeLine& change, model::ModelSink& sink) {
    const std::string key = !change.user.empty() ? "login:" + change.user : (change.ip.empty() ? "" : "ip:" + change.ip);
    if (!key.empty() && m_emitted.first_sight(key)) {
        sink.person({key, change.user, change.user.empty() ? change.ip : change.user, {}, {}, false});
    }
    return key;
}

void DokuWikiExtractor::emit_namespaces(const std::string& id, model::ModelSink& sink) {
    std::string parent;
    std::string ns = namespace_of(id);
    if (ns.empty()) return;
    std::size_t from = 0;
    while (true) {
        const auto colon = ns.find(':', from);
        const std::string current = ns.substr(0, colon);
        const std::string key = "namespace:" + current;
        if (m_emitted.first_sight(key)) {
            const std::string name = current.substr(current.rfind(':') == std::string::npos ? 0 : current.rfind(':') + 1);
            sink.container({key, "namespace", name, text::slugify(name), parent.empty() ? "" : "namespace:" + parent,
                            {}, {}, true});
        }
        if (colon == std::string::npos) break;
        parent = current;
        from = colon + 1;
    }
}

std::vector<model::Revision> DokuWikiExtractor::read_changes(const fs::path& changes, const std::string& item_key,
                                                             const fs::path& attic_stem, model::ModelSink& sink,
                                                             bool& deleted) {
    std::vector<model::Revision> revisions;
    std::ifstream in(changes);
    if (!in) return revisions;
    std::string line;
    std::int64_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (text::trim(line).empty()) continue;
        ChangeLine change;
        std::string problem;
        if (!parse_change_line(line, change, problem)) {
            model::Message message;
            message.severity = model::Severity::error;
            message.code = "dokuwiki.bad-change-line";
            message.text = problem + "; the line is skipped";
            message.position = {changes.string(), number, 0};
            message.item_key = item_key;
            sink.message(std::move(message));
            continue;
        }
        model::Revision revision;
        revision.key = std::to_string(change.timestamp);
        revision.author_key = person_for(change, sink);
        revision.timestamp = iso_utc(change.timestamp);
        revision.comment = change.summary;
        if (change.type != 'E') revision.comment = std::string("[") + change.type + "] " + revision.comment;
        deleted = change.type == 'D';
        revisions.push_back(std::move(revision));
    }
    // Saves within one second share a timestamp, and DokuWiki's attic keeps the last one's text. Keys stay
    // unique: the earlier ones become "<timestamp>#1", "#2", ...; the last keeps the plain timestamp.
    for (std::size_t at = 0; at < revisions.size();) {
        std::size_t end = at + 1;
        while (end < revisions.size() && revisions[end].key == revisions[at].key) ++end;
        for (std::size_t earlier = at; earlier + 1 < end; ++earlier) {
            revisions[earlier].key += "#" + std::to_string(earlier - at + 1);
        }
        // DokuWiki keeps each saved version in the attic; its text goes out as it is read.
        if (!attic_stem.empty()) {
            if (auto old = attic_text(attic_stem.string() + "." + revisions[end - 1].key + ".txt.gz")) {
                sink.revision_text({item_key, revisions[end - 1].key, std::move(*old)});
            }
        }
        at = end;
    }
    return revisions;
}

void DokuWikiExtractor::emit_page(const std::string& page_id, const fs::path& page_file, model::ModelSink& sink) {
    model::Item item;
    item.key = "page:" + page_id;
    item.kind = "page";
    item.slug = page_id;
    bool deleted = false;
    const std::string relative = relative_path_of(page_id);
    item.revisions =
        read_changes(m_root / "meta" / (relative + ".changes"), item.key, m_root / "attic" / relative, sink, deleted);
    if (!page_file.empty()) {
        std::ifstream in(page_file, std::ios::binary);
        std::ostringstream content;
        content << in.rdbuf();
        item.body = {"dokuwiki", content.str()};
    } else {
        item.body = {"dokuwiki", {}};
    }
    item.status = page_file.empty() || deleted ? "deleted" : "current";
    item.title = first_heading(item.body.text);
    if (item.title.empty()) item.title = page_id.substr(page_id.rfind(':') == std::string::npos ? 0 : page_id.rfind(':') + 1);
    if (!item.revisions.empty()) {
        item.created_at = item.revisions.front().timestamp;
        item.modified_at = item.revisions.back().timestamp;
        item.author_key = item.revisions.front().author_key;
        item.revisions.back().size = static_cast<std::int64_t>(item.body.text.size());
    }
    if (const std::string ns = namespace_of(page_id); !ns.empty()) {
        emit_namespaces(page_id, sink);
        item.container_keys.push_back("namespace:" + ns);
    }
    item.attributes.emplace_back("page_id", page_id);
    sink.item(std::move(item));
}

void DokuWikiExtractor::emit_media(const std::string& media_id, const fs::path& media_file, model::ModelSink& sink) {
    // Media files are referenced where they are, not copied: the data folder is the archive they live in.
    model::Item item;
    item.key = "media:" + media_id;
    item.kind = "attachment";
    item.slug = media_id;
    item.title = media_id.substr(media_id.rfind(':') == std::string::npos ? 0 : media_id.rfind(':') + 1);
    bool deleted = false;
    item.revisions = read_changes(m_root / "media_meta" / (relative_path_of(media_id) + ".changes"), item.key, {},
                                  sink, deleted);
    std::error_code error;
    const auto size = media_file.empty() ? std::uintmax_t{0} : fs::file_size(media_file, error);
    const bool present = !media_file.empty() && !error;
    item.status = present && !deleted ? "current" : "deleted";
    if (present) {
        item.attributes.emplace_back("file_path", fs::absolute(media_file, error).lexically_normal().string());
        item.attributes.emplace_back("file_size", std::to_string(size));
        struct stat status {};
        if (::stat(media_file.c_str(), &status) == 0) {
            item.attributes.emplace_back("file_mtime", iso_utc(static_cast<std::int64_t>(status.st_mtime)));
        }
    }
    if (!item.revisions.empty()) {
        item.created_at = item.revisions.front().timestamp;
        item.modified_at = item.revisions.back().timestamp;
        item.author_key = item.revisions.front().author_key;
        if (present) item.revisions.back().size = static_cast<std::int64_t>(size);
    }
    if (const std::string ns = namespace_of(media_id); !ns.empty()) {
        emit_namespaces(media_id, sink);
        item.container_keys.push_back("namespace:" + ns);
    }
    item.attributes.emplace_back("media_id", media_id);
    sink.item(std::move(item));
}

void DokuWikiExtractor::extract(model::ModelSink& sink, const ProgressCallback& progress) {
    if (m_source.kind.empty()) open();
    std::uint64_t pages = 0;
    const auto pages_root = m_root / "pages";
    for (const auto& relative : files_below(pages_root, ".txt")) {
        emit_page(page_id_of(relative), pages_root / relative, sink);
        if (++pages % 64 == 0) {
            throw_if_interrupted();
            if (progress) progress(pages, 0);
        }
    }
    // Pages that only their history remembers were deleted: kept, as deleted.
    for (const auto& relative : files_below(m_root / "meta", ".changes")) {
        std::string id = relative.generic_string();
        id.resize(id.size() - 8);
        const fs::path page_file = pages_root / (id + ".txt");
        std::replace(id.begin(), id.end(), '/', ':');
        std::error_code error;
        if (!fs::exists(page_file, error) && !id.starts_with("_")) emit_page(id, {}, sink);
    }
    // Media files, each an attachment of its namespace, with its upload history from media_meta/.
    const auto media_root = m_root / "media";
    for (const auto& relative : files_below(media_root, "")) {
        emit_media(media_id_of(relative), media_root / relative, sink);
        if (++pages % 64 == 0) throw_if_interrupted();
    }
    for (const auto& relative : files_below(m_root / "media_meta", ".changes")) {
        std::string path = relative.generic_string();
        path.resize(path.size() - 8);
        std::error_code error;
        if (!fs::exists(media_root / path, error) && !path.starts_with("_")) emit_media(media_id_of(path), {}, sink);
    }
    if (progress) progress(pages, 0);
}

}  // namespace baton::extract::dokuwiki

namespace baton::extract {
std::unique_ptr<Extractor> create_dokuwiki_extractor(const std::string& path, const ExtractOptions& /*options*/) {
    return std::make_unique<dokuwiki::DokuWikiExtractor>(path);
}
}  // namespace baton::extract
