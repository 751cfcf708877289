// Item, person and container attributes as the workspace stores them: a JSON array of [name, value] pairs.
#include "workspace/attributes_json.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "core/text.hpp"

namespace baton::workspace {

std::string attributes_to_json(const model::Attributes& attributes) {
    if (attributes.empty()) return {};
    std::string json = "[";
    for (const auto& [name, value] : attributes) {
        if (json.size() > 1) json += ',';
        json += "[\"";
        text::append_json_escaped(json, name);
        json += "\",\"";
        text::append_json_escaped(json, value);
        json += "\"]";
    }
    json += ']';
    return json;
}

model::Attributes attributes_from_json(const std::string& json) {
    model::Attributes attributes;
    if (json.empty()) return attributes;
    Poco::JSON::Parser parser;
    const auto array = parser.parse(json).extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) {
        const auto pair = array->getArray(static_cast<unsigned>(i));
        attributes.emplace_back(pair->getElement<std::string>(0), pair->getElement<std::string>(1));
    }
    return attributes;
}

}  // namespace baton::workspace
