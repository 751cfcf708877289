// Fatal error kinds, each with its own process exit code, caught once in apps/main.cpp.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace baton {

// Exit codes are part of the command-line contract; docs/exit-codes.md lists them.
enum class ExitCode : int {
    success = 0,
    internal = 1,
    usage = 2,
    input_unreadable = 3,
    malformed_input = 4,
    truncated_input = 5,
    unrecognised_format = 6,
    unsupported_version = 7,
    workspace = 8,
    mapping = 9,
    target = 10,
    precondition = 11,
    output_unwritable = 12,
    verify_differences = 13,  // `baton verify` found the target and the id map apart (not an error)
    interrupted = 130,
};

// Where in a source file something was found; line and column are 1-based, 0 when unknown.
struct SourcePosition {
    std::string file;
    std::int64_t line = 0;
    std::int64_t column = 0;

    [[nodiscard]] std::string to_string() const;
};

// Base of every fatal baton error: a message, an exit code and an optional hint for the user.
class Error : public std::runtime_error {
public:
    Error(ExitCode code, const std::string& message, std::string hint = {});
    [[nodiscard]] ExitCode code() const noexcept { return m_code; }
    [[nodiscard]] const std::string& hint() const noexcept { return m_hint; }

private:
    ExitCode m_code;
    std::string m_hint;
};

class UsageError : public Error {
public:
    explicit UsageError(const std::string& message, std::string hint = {})
        : Error(ExitCode::usage, message, std::move(hint)) {}
};

// An input that cannot be read or parsed; carries the position of the problem.
class InputError : public Error {
public:
    InputError(ExitCode code, SourcePosition position, const std::string& problem, std::string hint = {});
    [[nodiscard]] const SourcePosition& position() const noexcept { return m_position; }
    [[nodiscard]] const std::string& problem() const noexcept { return m_problem; }

private:
    SourcePosition m_position;
    std::string m_problem;
};

class WorkspaceError : public Error {
public:
    explicit WorkspaceError(const std::string& message, std::string hint = {})
        : Error(ExitCode::workspace, message, std::move(hint)) {}
};

class TargetError : public Error {
public:
    explicit TargetError(const std::string& message, std::string hint = {})
        : Error(ExitCode::target, message, std::move(hint)) {}
};

// A command was run before the step it depends on (e.g. load before plan).
class PreconditionError : public Error {
public:
    explicit PreconditionError(const std::string& message, std::string hint = {})
        : Error(ExitCode::precondition, message, std::move(hint)) {}
};

// A report, task list or other output file cannot be written.
class OutputError : public Error {
public:
    explicit OutputError(const std::string& message, std::string hint = "check that the folder exists and is writable")
        : Error(ExitCode::output_unwritable, message, std::move(hint)) {}
};

class InterruptedError : public Error {
public:
    InterruptedError() : Error(ExitCode::interrupted, "interrupted") {}
};

// Short name of an exit code for messages and the run log ("malformed-input").
[[nodiscard]] const char* exit_code_name(ExitCode code) noexcept;

}  // namespace baton
