// The baton command: picks the verb, runs it, and turns every fatal error into its exit code.
#include <iostream>
#include <string>

#include "apps/command.hpp"
#include "core/error.hpp"
#include "core/interrupt.hpp"

namespace {

void print_usage() {
    std::cout << "baton " << BATON_VERSION
              << ": migrate legacy intranet content and hand its communities to the people who wrote it\n\n"
                 "usage: baton COMMAND [OPTIONS]\n\ncommands:\n";
    for (const auto& command : baton::app::commands()) {
        std::cout << "  " << command.name << std::string(10 - command.name.size(), ' ') << command.summary << '\n';
    }
    std::cout << "\n`baton COMMAND --help` describes a command. The main job, in order:\n"
                 "  baton extract wxr:export.xml && baton plan && baton load && baton tasks && baton report\n";
}

}  // namespace

int main(int argc, char** argv) {
    baton::install_interrupt_handlers();
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" ||
        std::string(argv[1]) == "help") {
        print_usage();
        return argc < 2 ? static_cast<int>(baton::ExitCode::usage) : 0;
    }
    const std::string verb = argv[1];
    if (verb == "--version") {
        std::cout << "baton " << BATON_VERSION << '\n';
        return 0;
    }
    const baton::app::Arguments arguments(argv + 2, argv + argc);
    try {
        for (const auto& command : baton::app::commands()) {
            if (command.name == verb) return command.run(arguments);
        }
        throw baton::UsageError("unknown command \"" + verb + "\"", "`baton --help` lists the commands");
    } catch (const baton::Error& error) {
        std::cerr << "baton " << verb << ": error: " << error.what() << '\n';
        if (!error.hint().empty()) std::cerr << "hint: " << error.hint() << '\n';
        return static_cast<int>(error.code());
    } catch (const std::exception& error) {
        std::cerr << "baton " << verb << ": internal error: " << error.what() << '\n'
                  << "hint: this is a bug in baton; please report it with the command that caused it\n";
        return static_cast<int>(baton::ExitCode::internal);
    }
}
