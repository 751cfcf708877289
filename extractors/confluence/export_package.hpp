// A Confluence export as given on the command line: its folder or its .zip, with entities.xml,
// exportDescriptor.properties and the attachments/ folder.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "extractors/common/xml_stream.hpp"
#include "extractors/common/zip_input.hpp"

namespace baton::extract::confluence {

class ExportPackage {
public:
    // Throws InputError when the path is neither a folder nor a zip, or holds no entities.xml.
    explicit ExportPackage(const std::string& path);

    [[nodiscard]] const std::string& path() const noexcept { return m_path; }  // without a trailing "/"
    [[nodiscard]] bool is_zip() const noexcept { return m_zip != nullptr; }
    // How entities.xml is named in messages: "<folder>/entities.xml" or "<zip>!/entities.xml".
    [[nodiscard]] const std::string& entities_name() const noexcept { return m_entities_name; }
    [[nodiscard]] const std::string& descriptor_name() const noexcept { return m_descriptor_name; }
    // entities.xml as a stream (from the zip: inflated as it is read, never extracted).
    [[nodiscard]] std::unique_ptr<XmlStream> open_entities() const;
    // exportDescriptor.properties as key/value pairs; nullopt when the export has none.
    [[nodiscard]] std::optional<std::map<std::string, std::string>> read_descriptor() const;
    // Every file under attachments/, as a path relative to the export ("attachments/98/131/1").
    void for_each_attachment_file(const std::function<void(const std::string&)>& visit) const;
    [[nodiscard]] std::uint64_t entities_size() const noexcept { return m_entities_size; }

private:
    std::string m_path;
    std::string m_folder;  // the folder holding entities.xml (a folder export)
    std::unique_ptr<ZipArchive> m_zip;
    ZipEntry m_entities_entry;
    std::string m_prefix;  // inside the zip: the folder holding entities.xml ("" at the top)
    std::string m_entities_name;
    std::string m_descriptor_name;
    std::uint64_t m_entities_size = 0;
};

// Java .properties text -> key/value pairs (comments, "key=value", "key: value", backslash escapes).
[[nodiscard]] std::map<std::string, std::string> parse_properties(const std::string& text);

}  // namespace baton::extract::confluence
