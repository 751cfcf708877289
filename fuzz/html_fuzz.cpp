// libFuzzer target: arbitrary bytes as a small static HTML intranet (two pages and a linked file).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_support.hpp"

// The input is cut at NUL bytes into a root page, a page in a subfolder and a file the pages may link
// (sub/file.pdf); a seed without NUL is the root page alone.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    std::string_view parts[3];
    for (auto& part : parts) {
        const auto nul = rest.find('\0');
        part = rest.substr(0, nul);
        rest = nul == std::string_view::npos ? std::string_view() : rest.substr(nul + 1);
    }
    const auto root = baton::fuzz::fresh_scratch_folder() / "intranet";
    baton::fuzz::write_bytes(root / "index.html", parts[0]);
    if (!parts[1].empty()) baton::fuzz::write_bytes(root / "sub" / "page.htm", parts[1]);
    if (!parts[2].empty()) baton::fuzz::write_bytes(root / "sub" / "file.pdf", parts[2]);
    baton::fuzz::run_extractor("html", root.string());
    return 0;
}
