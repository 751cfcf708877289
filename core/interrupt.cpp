// Ctrl-C and SIGTERM become a flag that long loops poll, so runs stop cleanly and are recorded.
#include "core/interrupt.hpp"

#include <csignal>

#include "core/error.hpp"

namespace baton {
namespace {

volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void on_signal(int /*signal*/) { g_interrupted = 1; }

}  // namespace

void install_interrupt_handlers() {
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
}

bool interrupt_requested() noexcept { return g_interrupted != 0; }

void throw_if_interrupted() {
    if (interrupt_requested()) throw InterruptedError();
}

}  // namespace baton
