// libFuzzer target: arbitrary bytes read as confluence markup by the confluence reader, written by every writer.
#include "reader_fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    baton::fuzz::run_reader("confluence", data, size);
    return 0;
}
