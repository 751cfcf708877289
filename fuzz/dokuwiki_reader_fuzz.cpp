// libFuzzer target: arbitrary bytes read as dokuwiki markup by the dokuwiki reader, written by every writer.
#include "reader_fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    baton::fuzz::run_reader("dokuwiki", data, size);
    return 0;
}
