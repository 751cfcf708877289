// Read access to one <object> of a Confluence entities.xml: its id, properties, references and collections.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extractors/common/xml_stream.hpp"

namespace baton::extract::confluence {

class HibernateObject {
public:
    explicit HibernateObject(const XmlElement& element) : m_element(element) {}

    [[nodiscard]] std::string class_name() const { return m_element.attribute("class"); }
    [[nodiscard]] std::string id() const;  // <id name="id"> or, for users, <id name="key">
    [[nodiscard]] std::int64_t line() const { return m_element.line; }
    // The text of property `name` exactly as written ("" when absent).
    [[nodiscard]] std::string text(std::string_view name) const;
    // The id a reference property points to ("" when absent or not a reference).
    [[nodiscard]] std::string reference(std::string_view name) const;
    // The class named on a reference property ("Page", "Comment", ...).
    [[nodiscard]] std::string reference_class(std::string_view name) const;
    // The ids listed in collection `name`, in document order.
    [[nodiscard]] std::vector<std::string> collection(std::string_view name) const;
    [[nodiscard]] bool has(std::string_view name) const { return property(name) != nullptr; }

private:
    [[nodiscard]] const XmlElement* property(std::string_view name) const;
    const XmlElement& m_element;
};

// "2014-07-29 21:11:24.000" -> "2014-07-29T21:11:24" (Confluence writes the server's local time).
[[nodiscard]] std::string iso_timestamp(std::string_view confluence_date);

// Names every element by its local name: entities.xml has no namespaces.
[[nodiscard]] std::string classify_element(std::string_view namespace_uri, std::string_view local_name);

}  // namespace baton::extract::confluence
