// The migration report: one self-contained HTML page on sources, counts, communities, owners and messages.
#pragma once

#include <cstdint>
#include <string>

#include "workspace/workspace.hpp"

namespace baton::load {

struct ReportOptions {
    int max_messages = 500;       // the rest are counted, not listed
    std::int64_t current_run = 0;  // the run writing this report, left out of the run list
};

[[nodiscard]] std::string render_html_report(workspace::Workspace& workspace, const ReportOptions& options = {});

}  // namespace baton::load
