// libFuzzer target: arbitrary bytes as a Confluence export, either its .zip or entities.xml with a descriptor.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.hpp"

// Input starting with "PK" is the export's .zip; any other is entities.xml, followed after a NUL byte
// by exportDescriptor.properties when there is one.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto scratch = baton::fuzz::fresh_scratch_folder();
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    std::string path;
    if (bytes.starts_with("PK")) {
        path = (scratch / "export.zip").string();
        baton::fuzz::write_bytes(path, bytes);
    } else {
        const auto nul = bytes.find('\0');
        baton::fuzz::write_bytes(scratch / "export" / "entities.xml", bytes.substr(0, nul));
        if (nul != std::string_view::npos) {
            baton::fuzz::write_bytes(scratch / "export" / "exportDescriptor.properties", bytes.substr(nul + 1));
        }
        path = (scratch / "export").string();
    }
    baton::fuzz::run_extractor("confluence", path);
    return 0;
}
