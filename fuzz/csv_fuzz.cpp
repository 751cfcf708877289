// libFuzzer target: arbitrary bytes as a CSV list export, optionally preceded by a --columns mapping.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "extractors/csv/column_mapping.hpp"
#include "extractors/csv/csv_extractor.hpp"

namespace {

class DiscardSink : public baton::model::ModelSink {
public:
    void person(baton::model::Person person) override { m_bytes += person.key.size(); }
    void container(baton::model::Container container) override { m_bytes += container.key.size(); }
    void item(baton::model::Item item) override {
        m_bytes += item.key.size() + item.title.size() + item.body.text.size();
        for (const auto& [name, value] : item.attributes) m_bytes += name.size() + value.size();
    }
    void message(baton::model::Message message) override { m_bytes += message.text.size(); }

private:
    std::size_t m_bytes = 0;
};

}  // namespace

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
    static const auto path =
        std::filesystem::temp_directory_path() / ("baton-fuzz-csv-" + std::to_string(::getpid()) + ".csv");
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(input.data(), static_cast<std::streamsize>(input.size()));
    try {
        auto extractor = baton::extract::create_csv_extractor(path.string(), options);
        (void)extractor->open();
        DiscardSink sink;
        extractor->extract(sink, {});
    } catch (const baton::InputError&) {
        // Bad input, reported with a position: expected.
    } catch (const baton::UsageError&) {
        // A mapping naming a column the header lacks: expected.
    }
    return 0;
}
