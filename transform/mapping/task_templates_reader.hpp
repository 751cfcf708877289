// Reads a mapping's <tasks> section (already checked against the schema) into task templates.
#pragma once

#include <libxml/tree.h>

#include <string>

#include "transform/tasks/task_templates.hpp"

namespace baton::transform::mapping {

// Checks what the schema cannot (unique codes, dependencies on codes declared before, conditions,
// placeholders, the time zone) and throws InputError (mapping-error) naming `file` and the line.
[[nodiscard]] tasks::TaskTemplates read_task_templates(const xmlNode* section, const std::string& file);

}  // namespace baton::transform::mapping
