// The migration report: one self-contained HTML page on sources, counts, communities, owners and messages.
#pragma once

#include <string>

#include "workspace/workspace.hpp"

namespace baton::load {

struct ReportOptions {
    int max_messages = 500;  // the rest are counted, not listed
};

[[nodiscard]] std::string render_html_report(workspace::Workspace& workspace, const ReportOptions& options = {});

}  // namespace baton::load
