// The redirect map, streamed from the link index into three files.
#include "convert/links/redirect_map.hpp"

#include <fstream>

#include "convert/links/rewrite_rules.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace baton::convert {

namespace {

// scheme://host of a site URL, "" when it has none.
std::string origin_of(const std::string& site_url) {
    const auto scheme_end = site_url.find("://");
    if (scheme_end == std::string::npos) return {};
    const auto path_start = site_url.find_first_of("/?#", scheme_end + 3);
    return site_url.substr(0, path_start);
}

std::ofstream open_output(const std::filesystem::path& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw OutputError("cannot write " + path.string());
    return out;
}

void finish(std::ofstream& out, const std::filesystem::path& path) {
    out.flush();
    if (!out) throw OutputError("cannot write " + path.string() + " (disk full?)");
}

}  // namespace

void for_each_redirect(sql::Database& db, LinkIndex& index, std::int64_t source_id,
                       const std::function<void(const Redirect&)>& emit) {
    auto items = db.prepare(
        "SELECT t.item_id, t.source_id, t.url, i.key, i.kind, coalesce(i.title, ''), coalesce(i.url, ''), "
        "CASE WHEN s.kind = 'confluence' THEN coalesce((SELECT substr(c.key, 7) FROM item_containers ic JOIN "
        "containers c ON c.id = ic.container_id WHERE ic.item_id = i.id AND c.key LIKE 'space:%' LIMIT 1), '') "
        "ELSE '' END, "
        "CASE WHEN i.kind = 'attachment' AND i.attributes IS NOT NULL THEN coalesce((SELECT json_extract(value, '$[1]') "
        "FROM json_each(i.attributes) WHERE json_extract(value, '$[0]') = 'attachment_url' LIMIT 1), '') ELSE '' END "
        "FROM temp.link_items t JOIN items i ON i.id = t.item_id JOIN sources s ON s.id = t.source_id "
        "WHERE t.url IS NOT NULL AND (?1 <= 0 OR t.source_id = ?1) ORDER BY t.source_id, t.item_id");
    items.bind(1, source_id);
    auto owner = db.prepare("SELECT item_id FROM temp.link_locators WHERE source_id = ?1 AND locator = ?2");
    while (items.step()) {
        const auto item_id = items.column_int(0);
        const LegacySite* site = index.site(items.column_int(1));
        if (!site) continue;
        LegacyItem item;
        item.key = items.column_text(3);
        item.kind = items.column_text(4);
        item.title = items.column_text(5);
        item.url = items.column_text(6);
        item.space_key = items.column_text(7);
        item.attachment_url = items.column_text(8);
        const std::string origin = origin_of(site->site_url);
        for (auto& url : legacy_urls(*site, item)) {
            owner.bind(1, site->id).bind(2, url.locator());
            const bool ours = owner.step() && owner.column_int(0) == item_id;
            owner.reset();
            if (!ours) continue;
            Redirect redirect;
            redirect.source_id = site->id;
            redirect.item_key = item.key;
            redirect.legacy_url = origin + url.encoded();
            redirect.legacy = std::move(url);
            redirect.target_url = items.column_text(2);
            emit(redirect);
        }
    }
}

RedirectFiles write_redirect_files(sql::Database& db, LinkIndex& index, std::int64_t source_id,
                                   const std::filesystem::path& folder) {
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) throw OutputError("cannot create the folder " + folder.string() + ": " + error.message());
    const auto csv_path = folder / redirect_file_names[0];
    const auto nginx_path = folder / redirect_file_names[1];
    const auto apache_path = folder / redirect_file_names[2];
    auto csv = open_output(csv_path);
    auto nginx = open_output(nginx_path);
    auto apache = open_output(apache_path);
    csv << "legacy_url,new_url,source_id,item_key\n";
    nginx << "# baton redirects: include inside the server { } block of the legacy site's host.\n"
             "# Paths are matched decoded (rewrite), query URLs on the request line as sent ($request_uri).\n";
    apache << "# baton redirects: include in the legacy site's <VirtualHost> (or its .htaccess); needs mod_rewrite.\n"
              "RewriteEngine On\n";
    RedirectFiles files;
    std::string last_key;
    std::int64_t last_source = 0;
    for_each_redirect(db, index, source_id, [&](const Redirect& redirect) {
        ++files.redirects;
        if (redirect.source_id != last_source) {
            const LegacySite* site = index.site(redirect.source_id);
            const std::string heading = "\n# source " + std::to_string(redirect.source_id) + " (" + site->kind +
                                        (site->site_url.empty() ? "" : ", " + site->site_url) + ")\n";
            nginx << heading;
            apache << heading;
        }
        if (redirect.item_key != last_key || redirect.source_id != last_source) ++files.items;
        last_key = redirect.item_key;
        last_source = redirect.source_id;
        csv << text::csv_field(redirect.legacy_url) << ',' << text::csv_field(redirect.target_url) << ','
            << redirect.source_id << ',' << text::csv_field(redirect.item_key) << '\n';
        nginx << nginx_rule(redirect.legacy, redirect.target_url);
        apache << apache_rule(redirect.legacy, redirect.target_url);
    });
    finish(csv, csv_path);
    finish(nginx, nginx_path);
    finish(apache, apache_path);
    return files;
}

StagedRedirectFiles::StagedRedirectFiles(std::filesystem::path folder)
    : m_folder(std::move(folder)), m_staging(m_folder / ".baton-staging") {}

StagedRedirectFiles::~StagedRedirectFiles() {
    if (m_published) return;
    std::error_code ignored;  // nothing to remove when nothing was staged
    std::filesystem::remove_all(m_staging, ignored);
}

void StagedRedirectFiles::publish() {
    for (const char* name : redirect_file_names) {
        std::error_code error;
        std::filesystem::rename(m_staging / name, m_folder / name, error);
        if (error) {
            throw OutputError("cannot move " + (m_staging / name).string() + " to " + m_folder.string() + ": " +
                              error.message());
        }
    }
    std::error_code ignored;
    std::filesystem::remove(m_staging, ignored);
    m_published = true;
}

}  // namespace baton::convert
