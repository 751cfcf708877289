// Reading a parsed mapping file's elements: names and attributes of libxml2 nodes as std::string.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>

namespace baton::transform::mapping {

inline std::string_view name_of(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

inline bool has_attribute(const xmlNode* node, const char* name) {
    return xmlHasProp(node, reinterpret_cast<const xmlChar*>(name)) != nullptr;
}

// The attribute's value, "" when the element has none.
inline std::string attribute(const xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (value == nullptr) return {};
    std::string result(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return result;
}

}  // namespace baton::transform::mapping
