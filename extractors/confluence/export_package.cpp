// A Confluence export as given on the command line: its folder or its .zip.
#include "extractors/confluence/export_package.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text.hpp"

namespace baton::extract::confluence {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t descriptor_limit = 1 << 20;

std::string unescape_property(std::string_view value) {
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] != '\\' || i + 1 == value.size()) {
            out += value[i];
            continue;
        }
        const char next = value[++i];
        out += next == 'n' ? '\n' : next == 't' ? '\t' : next;
    }
    return out;
}

}  // namespace

std::map<std::string, std::string> parse_properties(const std::string& text) {
    std::map<std::string, std::string> values;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        const std::string trimmed = text::trim(line);
        if (trimmed.empty() || trimmed[0] == '#' || trimmed[0] == '!') continue;
        std::size_t separator = std::string::npos;
        for (std::size_t i = 0; i < trimmed.size(); ++i) {
            if (trimmed[i] == '\\') {
                ++i;
            } else if (trimmed[i] == '=' || trimmed[i] == ':') {
                separator = i;
                break;
            }
        }
        const std::string key = unescape_property(text::trim(std::string_view(trimmed).substr(0, separator)));
        const std::string value = separator == std::string::npos
                                      ? std::string()
                                      : unescape_property(text::trim(std::string_view(trimmed).substr(separator + 1)));
        values[key] = value;
    }
    return values;
}

ExportPackage::ExportPackage(const std::string& path) : m_path(path) {
    while (m_path.size() > 1 && m_path.ends_with('/')) m_path.pop_back();
    std::error_code error;
    if (fs::is_directory(path, error)) {
        m_folder = path;
        const fs::path entities = fs::path(path) / "entities.xml";
        m_entities_name = entities.string();
        m_descriptor_name = (fs::path(path) / "exportDescriptor.properties").string();
        if (!fs::is_regular_file(entities, error)) {
            throw InputError(ExitCode::unrecognised_format, {path, 0, 0},
                             "this folder is not a Confluence export: it has no entities.xml",
                             "give the folder the export .zip was unpacked into, or the .zip itself");
        }
        m_entities_size = fs::file_size(entities, error);
        return;
    }
    if (!fs::is_regular_file(path, error)) {
        throw InputError(ExitCode::input_unreadable, {path, 0, 0},
                         fs::exists(path, error) ? "not a folder or a file" : "no such file or folder",
                         "give the export's folder or its .zip after confluence:");
    }
    m_zip = std::make_unique<ZipArchive>(path);
    if (!m_zip->find("entities.xml", m_entities_entry, true)) {
        throw InputError(ExitCode::unrecognised_format, {path, 0, 0},
                         "this archive is not a Confluence export: it has no entities.xml",
                         "export the space or site again from Confluence's administration");
    }
    const auto slash = m_entities_entry.name.rfind('/');
    m_prefix = slash == std::string::npos ? std::string() : m_entities_entry.name.substr(0, slash + 1);
    m_entities_name = path + "!/" + m_entities_entry.name;
    m_descriptor_name = path + "!/" + m_prefix + "exportDescriptor.properties";
    m_entities_size = m_entities_entry.compressed_size;
}

std::unique_ptr<XmlStream> ExportPackage::open_entities() const {
    if (!m_zip) return std::make_unique<XmlStream>(m_entities_name);
    if (m_entities_entry.size == 0) {
        throw InputError(ExitCode::truncated_input, {m_entities_name, 0, 0}, "entities.xml is empty",
                         "the export looks truncated: export it again or check the copy");
    }
    return std::make_unique<XmlStream>(m_entities_name, std::make_unique<ZipEntryInput>(*m_zip, m_entities_entry),
                                       m_entities_entry.compressed_size);
}

std::optional<std::map<std::string, std::string>> ExportPackage::read_descriptor() const {
    if (!m_zip) {
        std::error_code error;
        if (!fs::is_regular_file(m_descriptor_name, error)) return std::nullopt;
        std::ifstream in(m_descriptor_name, std::ios::binary);
        std::string text(descriptor_limit, '\0');
        in.read(text.data(), static_cast<std::streamsize>(text.size()));
        text.resize(static_cast<std::size_t>(in.gcount()));
        return parse_properties(text);
    }
    ZipEntry entry;
    if (!m_zip->find(m_prefix + "exportDescriptor.properties", entry)) return std::nullopt;
    ZipEntryInput input(*m_zip, entry);
    return parse_properties(input.read_all(descriptor_limit));
}

void ExportPackage::for_each_attachment_file(const std::function<void(const std::string&)>& visit) const {
    const std::string attachments = "attachments/";
    if (m_zip) {
        m_zip->for_each_entry([&](const ZipEntry& entry) {
            if (entry.name.size() > m_prefix.size() + attachments.size() && entry.name.starts_with(m_prefix) &&
                entry.name.compare(m_prefix.size(), attachments.size(), attachments) == 0 && !entry.name.ends_with("/")) {
                visit(entry.name.substr(m_prefix.size()));
            }
            return true;
        });
        return;
    }
    std::error_code error;
    const fs::path root = fs::path(m_folder) / "attachments";
    if (!fs::is_directory(root, error)) return;
    for (fs::recursive_directory_iterator it(root, error), end; !error && it != end; it.increment(error)) {
        if (it->is_regular_file(error)) visit(fs::relative(it->path(), m_folder, error).generic_string());
    }
}

}  // namespace baton::extract::confluence
