// libFuzzer target: arbitrary bytes as a WordPress WXR export.
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto folder = baton::fuzz::fresh_scratch_folder();
    const auto path = folder / "export.xml";
    baton::fuzz::write_bytes(path, {reinterpret_cast<const char*>(data), size});
    baton::fuzz::run_extractor("wxr", path.string());
    return 0;
}
