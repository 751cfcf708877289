// The redirect map: every legacy URL of every migrated item to its new URL, as CSV, nginx and Apache rules.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "convert/links/link_index.hpp"

namespace baton::convert {

struct Redirect {
    std::int64_t source_id = 0;
    std::string item_key;
    LegacyUrl legacy;
    std::string legacy_url;  // absolute when the source names its site (WordPress, MediaWiki), else the path
    std::string target_url;
};

// Calls `emit` for each legacy URL of each migrated item of the index's plan (of source `source_id` when above
// 0), by source and item id. A legacy URL two items share (an export's duplicate) goes to the first. Streams:
// nothing is collected.
void for_each_redirect(sql::Database& db, LinkIndex& index, std::int64_t source_id,
                       const std::function<void(const Redirect&)>& emit);

// The files of the map: the CSV, the nginx rules, the Apache rules.
inline constexpr const char* redirect_file_names[] = {"redirects.csv", "nginx.conf", "apache.conf"};

struct RedirectFiles {
    std::int64_t redirects = 0;
    std::int64_t items = 0;
};

// Writes redirects.csv, nginx.conf and apache.conf into `folder` (created when missing); each source's rules
// start with a comment naming it. Throws OutputError
// naming the file when one cannot be written.
RedirectFiles write_redirect_files(sql::Database& db, LinkIndex& index, std::int64_t source_id,
                                   const std::filesystem::path& folder);

// The redirect map of a run that may still fail (a load): written into staging() (a hidden folder inside `folder`)
// while the run goes on, moved into `folder` by publish() once the run succeeded, replacing the files there;
// removed unpublished when this is destroyed first, so a failed run leaves the map of the last good one.
class StagedRedirectFiles {
public:
    explicit StagedRedirectFiles(std::filesystem::path folder);
    ~StagedRedirectFiles();
    StagedRedirectFiles(const StagedRedirectFiles&) = delete;
    StagedRedirectFiles& operator=(const StagedRedirectFiles&) = delete;

    [[nodiscard]] const std::filesystem::path& staging() const noexcept { return m_staging; }
    void publish();  // throws OutputError naming the file it cannot move

private:
    std::filesystem::path m_folder;
    std::filesystem::path m_staging;
    bool m_published = false;
};

}  // namespace baton::convert
