// Fatal error kinds: construction and names.
#include "core/error.hpp"

namespace baton {

std::string SourcePosition::to_string() const {
    std::string text = file.empty() ? std::string("<input>") : file;
    if (line > 0) {
        text += ':' + std::to_string(line);
        if (column > 0) text += ':' + std::to_string(column);
    }
    return text;
}

Error::Error(ExitCode code, const std::string& message, std::string hint)
    : std::runtime_error(message), m_code(code), m_hint(std::move(hint)) {}

InputError::InputError(ExitCode code, SourcePosition position, const std::string& problem, std::string hint)
    : Error(code, position.to_string() + ": " + problem, std::move(hint)),
      m_position(std::move(position)),
      m_problem(problem) {}

const char* exit_code_name(ExitCode code) noexcept {
    switch (code) {
        case ExitCode::success: return "success";
        case ExitCode::internal: return "internal-error";
        case ExitCode::usage: return "usage-error";
        case ExitCode::input_unreadable: return "input-unreadable";
        case ExitCode::malformed_input: return "malformed-input";
        case ExitCode::truncated_input: return "truncated-input";
        case ExitCode::unrecognised_format: return "unrecognised-format";
        case ExitCode::unsupported_version: return "unsupported-version";
        case ExitCode::workspace: return "workspace-error";
        case ExitCode::mapping: return "mapping-error";
        case ExitCode::target: return "target-error";
        case ExitCode::precondition: return "precondition-failed";
        case ExitCode::output_unwritable: return "output-unwritable";
        case ExitCode::verify_differences: return "verify-differences";
        case ExitCode::interrupted: return "interrupted";
    }
    return "unknown";
}

}  // namespace baton
