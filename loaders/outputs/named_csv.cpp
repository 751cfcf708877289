// Reading an edited CSV by column names: the header checked once, each row checked against its width.
#include "loaders/outputs/named_csv.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

namespace baton::load {
namespace {

// "a", "a and b", "a, b and c".
std::string listed(std::initializer_list<const char*> names) {
    std::string text;
    std::size_t at = 0;
    for (const char* name : names) {
        text += (at == 0 ? "" : at + 1 == names.size() ? " and " : ", ") + std::string(name);
        ++at;
    }
    return text;
}

}  // namespace

NamedCsv::NamedCsv(const std::string& path, std::initializer_list<const char*> needed, const std::string& what,
                   const std::string& hint)
    : m_path(path), m_reader(path) {
    std::string problem;
    if (!m_reader.next(m_record, problem) || !problem.empty()) {
        throw InputError(ExitCode::malformed_input, {path, m_record.line, 0},
                         problem.empty() ? "the file is empty; expected the header of " + what : problem, hint);
    }
    for (std::size_t i = 0; i < m_record.fields.size(); ++i) {
        m_columns[text::to_lower_ascii(text::trim(m_record.fields[i]))] = i;
    }
    for (const char* name : needed) {
        if (!m_columns.contains(name)) {
            throw InputError(ExitCode::malformed_input, {path, m_record.line, 0},
                             std::string("the header has no column ") + name + " (expected " + listed(needed) + ")",
                             hint);
        }
    }
    m_width = m_record.fields.size();
}

bool NamedCsv::next(std::vector<std::string>& problems) {
    for (std::string problem; m_reader.next(m_record, problem); problem.clear()) {
        if (!problem.empty()) {
            skip(problems, problem);
            continue;
        }
        if (m_record.fields.size() != m_width) {
            skip(problems, "expected " + std::to_string(m_width) + " fields like the header, found " +
                               std::to_string(m_record.fields.size()));
            continue;
        }
        return true;
    }
    return false;
}

std::string NamedCsv::field(const char* name) const { return text::trim(m_record.fields.at(m_columns.at(name))); }

void NamedCsv::skip(std::vector<std::string>& problems, const std::string& why) const {
    problems.push_back(m_path + ":" + std::to_string(m_record.line) + ": " + why);
}

}  // namespace baton::load
