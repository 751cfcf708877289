// libFuzzer target: arbitrary bytes read as mediawiki markup by the mediawiki reader, written by every writer.
#include "reader_fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    baton::fuzz::run_reader("mediawiki", data, size);
    return 0;
}
