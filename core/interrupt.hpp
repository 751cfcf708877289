// Ctrl-C and SIGTERM become a flag that long loops poll, so runs stop cleanly and are recorded.
#pragma once

namespace baton {

void install_interrupt_handlers();
[[nodiscard]] bool interrupt_requested() noexcept;
// Throws InterruptedError when an interrupt was requested.
void throw_if_interrupted();

}  // namespace baton
