// libFuzzer target: arbitrary bytes as a DokuWiki data folder's history, page, attic copy and media history.
#include <string_view>

#include "fuzz/fuzz_support.hpp"

// The input is cut at NUL bytes into up to four parts: a page's meta/*.changes, the page's text, an attic
// file (read as gzip), and a media file's media_meta/*.changes. Seeds without NUL are a changes file alone.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    std::string_view parts[4];
    for (auto& part : parts) {
        const auto nul = rest.find('\0');
        part = rest.substr(0, nul);
        rest = nul == std::string_view::npos ? std::string_view() : rest.substr(nul + 1);
    }
    const auto root = baton::fuzz::fresh_scratch_folder() / "data";
    baton::fuzz::write_bytes(root / "meta" / "team" / "page.changes", parts[0]);
    baton::fuzz::write_bytes(root / "pages" / "team" / "page.txt", parts[1]);
    baton::fuzz::write_bytes(root / "attic" / "team" / "page.1700000000.txt.gz", parts[2]);
    baton::fuzz::write_bytes(root / "media" / "team" / "file.png", parts[1]);
    baton::fuzz::write_bytes(root / "media_meta" / "team" / "file.png.changes", parts[3]);
    baton::fuzz::run_extractor("dokuwiki", root.string());
    return 0;
}
