// libFuzzer target: arbitrary bytes as a Lotus Notes DXL export; files it embeds must stay in the files folder.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto scratch = baton::fuzz::fresh_scratch_folder();
    const auto path = scratch / "export.xml";
    baton::fuzz::write_bytes(path, std::string_view(reinterpret_cast<const char*>(data), size));
    const auto files = scratch / "files";
    baton::fuzz::run_extractor("dxl", path.string(), files.string());
    // Whatever the export names its files, nothing may be written outside the files folder.
    for (const auto& entry : std::filesystem::directory_iterator(scratch)) {
        if (entry.path() != path && entry.path() != files) __builtin_trap();
    }
    return 0;
}
