// Item, person and container attributes as the workspace stores them: a JSON array of [name, value] pairs.
#pragma once

#include <string>

#include "model/model.hpp"

namespace baton::workspace {

// "" for no attributes; names may repeat and keep their order.
[[nodiscard]] std::string attributes_to_json(const model::Attributes& attributes);
[[nodiscard]] model::Attributes attributes_from_json(const std::string& json);

}  // namespace baton::workspace
