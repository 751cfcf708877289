// libFuzzer target: arbitrary bytes as a CSV list export, optionally preceded by a --columns mapping.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extractors/csv/column_mapping.hpp"
#include "fuzz/fuzz_support.hpp"

// Input with a NUL byte: what comes before it is the --columns text, the rest the CSV file.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    baton::extract::ExtractOptions options;
    if (const auto nul = input.find('\0'); nul != std::string_view::npos) {
        try {
            options.columns = baton::extract::csv::parse_columns_option(input.substr(0, nul));
        } catch (const baton::UsageError&) {
            return 0;  // a bad --columns is refused before any file is read
        }
        input.remove_prefix(nul + 1);
    }
    const auto path = baton::fuzz::fresh_scratch_folder() / "list.csv";
    baton::fuzz::write_bytes(path, input);
    try {
        baton::fuzz::run_extractor("csv", path.string(), options);
    } catch (const baton::UsageError&) {
        // A mapping naming a column the header lacks: expected.
    }
    return 0;
}
