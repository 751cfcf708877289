// Read access to one <object> of a Confluence entities.xml: its id, properties, references and collections.
#include "extractors/confluence/hibernate_object.hpp"

#include "core/text.hpp"

namespace baton::extract::confluence {

std::string classify_element(std::string_view /*namespace_uri*/, std::string_view local_name) {
    return std::string(local_name);
}

std::string HibernateObject::id() const {
    const XmlElement* id = m_element.child("id");
    return id == nullptr ? std::string() : text::trim(id->text);
}

const XmlElement* HibernateObject::property(std::string_view name) const {
    const XmlElement* found = nullptr;
    for (const auto& child : m_element.children) {
        if ((child.name == "property" || child.name == "component") && child.attribute("name") == name) found = &child;
    }
    return found;
}

std::string HibernateObject::text(std::string_view name) const {
    const XmlElement* found = property(name);
    return found == nullptr ? std::string() : found->text;
}

std::string HibernateObject::reference(std::string_view name) const {
    const XmlElement* found = property(name);
    if (found == nullptr) return {};
    const XmlElement* id = found->child("id");
    return id == nullptr ? std::string() : text::trim(id->text);
}

std::string HibernateObject::reference_class(std::string_view name) const {
    const XmlElement* found = property(name);
    return found == nullptr ? std::string() : found->attribute("class");
}

std::vector<std::string> HibernateObject::collection(std::string_view name) const {
    std::vector<std::string> ids;
    for (const auto& child : m_element.children) {
        if (child.name != "collection" || child.attribute("name") != name) continue;
        for (const auto& element : child.children) {
            if (const XmlElement* id = element.child("id")) ids.push_back(text::trim(id->text));
        }
    }
    return ids;
}

std::string iso_timestamp(std::string_view confluence_date) {
    std::string value = text::trim(confluence_date);
    if (value.size() >= 19 && value[10] == ' ') {
        value[10] = 'T';
        value.resize(19);
    }
    return value;
}

}  // namespace baton::extract::confluence
