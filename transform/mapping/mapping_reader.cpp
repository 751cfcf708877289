// Reads a mapping file: checked against mappings/baton-mapping.rng, then turned into a Mapping.
#include "transform/mapping/mapping_reader.hpp"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <memory>
#include <string_view>

#include "core/error.hpp"
#include "core/text.hpp"
#include "transform/mapping/task_templates_reader.hpp"
#include "transform/mapping/xml_nodes.hpp"

namespace baton::transform::mapping {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& file, std::int64_t line, const std::string& problem,
                       std::string hint = "docs/mapping-format.md describes every element") {
    throw InputError(ExitCode::mapping, {file, line, 0}, problem, std::move(hint));
}

// The first error libxml2 reports that has a line; later ones usually follow from it.
struct FirstError {
    std::string message;
    std::int64_t line = 0;
    bool set = false;
};

void remember_error(void* context, xmlError* error) {
    auto* first = static_cast<FirstError*>(context);
    if (error == nullptr || error->level < XML_ERR_ERROR) return;
    if (first->set && (first->line > 0 || error->line == 0)) return;  // the first one with a line wins
    first->set = true;
    first->line = error->line;
    first->message = text::trim(error->message != nullptr ? error->message : "invalid");
}


std::string read_whole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in || bytes.str().size() > 16U * 1024 * 1024) fail(path, 0, "cannot be read (or is over 16 MB)");
    return bytes.str();
}

struct DocFree {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

std::string content(const xmlNode* node) {
    xmlChar* value = xmlNodeGetContent(node);
    if (value == nullptr) return {};
    std::string result = text::trim(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return result;
}

template <typename Visit>
void for_each_element(const xmlNode* parent, Visit visit) {
    for (const xmlNode* child = parent->children; child != nullptr; child = child->next) {
        if (child->type == XML_ELEMENT_NODE) visit(child);
    }
}

double number(const xmlNode* node, const char* name, double fallback) {
    return has_attribute(node, name) ? std::stod(attribute(node, name)) : fallback;
}

int whole(const xmlNode* node, const char* name, int fallback) {
    return has_attribute(node, name) ? std::stoi(attribute(node, name)) : fallback;
}

ContainerSelector selector(const xmlNode* node) {
    ContainerSelector result;
    result.line = xmlGetLineNo(node);
    result.source = attribute(node, "source");
    const std::pair<const char*, ContainerSelector::By> kinds[] = {{"container", ContainerSelector::By::container},
                                                                   {"path", ContainerSelector::By::path},
                                                                   {"glob", ContainerSelector::By::glob},
                                                                   {"regex", ContainerSelector::By::regex}};
    for (const auto& [name, by] : kinds) {
        if (has_attribute(node, name)) {
            result.by = by;
            result.pattern = attribute(node, name);
        }
    }
    return result;
}

void read_sources(const xmlNode* node, const std::string& path, Sources& sources) {
    for_each_element(node, [&](const xmlNode* csv) {
        if (name_of(csv) != "csv") return;
        for_each_element(csv, [&](const xmlNode* column) {
            const std::string field = attribute(column, "field");
            for (const auto& [known, name] : sources.csv_columns) {
                if (known == field) {
                    fail(path, xmlGetLineNo(column), "the field " + field + " is given a column twice (also " + name + ")");
                }
            }
            sources.csv_columns.emplace_back(field, attribute(column, "name"));
        });
    });
}

void read_communities(const xmlNode* node, Communities& communities) {
    if (attribute(node, "default") == "site") communities.fallback = Communities::Default::site;
    for_each_element(node, [&](const xmlNode* child) {
        if (name_of(child) == "exclude") {
            communities.excluded.push_back(selector(child));
            return;
        }
        CommunityRule rule;
        rule.line = xmlGetLineNo(child);
        rule.slug = attribute(child, "slug");
        rule.name = attribute(child, "name");
        for_each_element(child, [&](const xmlNode* part) {
            if (name_of(part) == "description") rule.description = content(part);
            if (name_of(part) == "from") rule.from.push_back(selector(part));
        });
        communities.rules.push_back(std::move(rule));
    });
}

void read_identity(const xmlNode* node, const fs::path& folder, Identity& identity) {
    identity.require_match = attribute(node, "require-match") == "true" || attribute(node, "require-match") == "1";
    std::vector<Identity::Rule> rules;
    for_each_element(node, [&](const xmlNode* child) {
        const auto name = name_of(child);
        if (name == "directory") identity.directory = (folder / attribute(child, "file")).lexically_normal().string();
        if (name == "alias") identity.aliases.push_back({attribute(child, "person"), attribute(child, "login")});
        if (name == "match") {
            const std::string by = attribute(child, "by");
            rules.push_back(by == "email" ? Identity::Rule::email
                            : by == "login" ? Identity::Rule::login
                                            : Identity::Rule::display_name);
        }
    });
    if (!rules.empty()) identity.rules = std::move(rules);
}

void read_stewardship(const xmlNode* node, Stewardship& rules) {
    for_each_element(node, [&](const xmlNode* child) {
        const auto name = name_of(child);
        if (name == "weights") {
            rules.weights.pages_created = number(child, "pages-created", rules.weights.pages_created);
            rules.weights.revisions = number(child, "revisions", rules.weights.revisions);
            rules.weights.kilobytes_added = number(child, "kilobytes-added", rules.weights.kilobytes_added);
            rules.weights.comments = number(child, "comments", rules.weights.comments);
            rules.weights.talk = number(child, "talk", rules.weights.talk);
        } else if (name == "recency") {
            rules.half_life_days = whole(child, "half-life-days", rules.half_life_days);
        } else if (name == "activity") {
            rules.minimum_score = number(child, "minimum-score", rules.minimum_score);
            rules.within_days = whole(child, "within-days", rules.within_days);
        } else if (name == "roles") {
            rules.owners = whole(child, "owners", rules.owners);
            rules.managers = whole(child, "managers", rules.managers);
            rules.owner_threshold = number(child, "owner-threshold", rules.owner_threshold);
            rules.manager_threshold = number(child, "manager-threshold", rules.manager_threshold);
            rules.max_communities_per_person =
                whole(child, "max-communities-per-person", rules.max_communities_per_person);
        } else if (name == "never-assign") {
            rules.never_assign.push_back(attribute(child, "person"));
        } else if (name == "pin") {
            rules.pins.push_back({attribute(child, "community"), attribute(child, "person"), attribute(child, "role"),
                                  xmlGetLineNo(child)});
        }
    });
}

void read_successors(const xmlNode* node, std::vector<Successor>& successors) {
    successors.clear();
    for_each_element(node, [&](const xmlNode* child) {
        const std::string rule = attribute(child, "rule");
        successors.push_back({rule == "next-active-contributor" ? Successor::Rule::next_active_contributor
                              : rule == "directory-manager"     ? Successor::Rule::directory_manager
                                                                : Successor::Rule::fallback,
                              attribute(child, "person"), xmlGetLineNo(child)});
    });
}

void read_content(const xmlNode* node, Content& content_rules) {
    for_each_element(node, [&](const xmlNode* child) {
        if (name_of(child) == "archive") {
            content_rules.archive_after_years = whole(child, "stale-after-years", 0);
            return;
        }
        content_rules.rules.push_back({name_of(child) == "include", attribute(child, "kind"),
                                       attribute(child, "status"), whole(child, "older-than-years", 0),
                                       xmlGetLineNo(child)});
    });
}

// What the schema cannot say: unique slugs, pins naming a declared or default community, valid regexes.
void check_meaning(const Mapping& mapping) {
    std::vector<std::string> slugs;
    for (const auto& rule : mapping.communities.rules) {
        for (const auto& seen : slugs) {
            if (seen == rule.slug) fail(mapping.file, rule.line, "community slug \"" + rule.slug + "\" is declared twice");
        }
        slugs.push_back(rule.slug);
    }
    int fallbacks = 0;
    for (const auto& successor : mapping.successors) {
        if (successor.rule == Successor::Rule::fallback && ++fallbacks > 1) {
            fail(mapping.file, successor.line, "<departed> names more than one fallback successor");
        }
    }
}

}  // namespace

std::string schema_path() {
    const char* name = "baton-mapping.rng";
    if (const char* configured = std::getenv("BATON_MAPPING_SCHEMA"); configured != nullptr && *configured != 0) {
        if (fs::exists(configured)) return configured;
        fail(configured, 0, "the mapping schema named by BATON_MAPPING_SCHEMA does not exist");
    }
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    if (!error) {
        const fs::path candidate = executable.parent_path().parent_path() / "share" / "baton" / name;
        if (fs::exists(candidate)) return candidate.string();
    }
    const fs::path source = fs::path(BATON_MAPPINGS_SOURCE_DIR) / name;
    if (fs::exists(source)) return source.string();
    fail(name, 0, "the mapping schema was not found (looked in share/baton/ beside the executable and in " +
                      std::string(BATON_MAPPINGS_SOURCE_DIR) + ")",
         "set BATON_MAPPING_SCHEMA to the path of baton-mapping.rng");
}

Mapping read_mapping(const std::string& path) {
    if (!fs::is_regular_file(path)) {
        fail(path, 0, "the mapping file does not exist or is not a file", "check the path given to --mapping");
    }
    FirstError parse_error;
    xmlParserCtxt* parser = xmlNewParserCtxt();
    if (parser == nullptr) throw std::bad_alloc();
    // No NOENT (entities are not substituted), no DTDLOAD, no network. libxml2 2.9 reports parse
    // errors only through the thread's structured error handler.
    xmlSetStructuredErrorFunc(&parse_error, remember_error);
    // Read from memory: the extractors install an external entity loader that refuses every file.
    const std::string bytes = read_whole(path);
    DocPtr doc(xmlCtxtReadMemory(parser, bytes.data(), static_cast<int>(bytes.size()), path.c_str(), nullptr,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA));
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    xmlFreeParserCtxt(parser);
    if (!doc || parse_error.set) fail(path, parse_error.line, "not well-formed XML: " + parse_error.message);
    if (doc->intSubset != nullptr) {
        for (const xmlNode* node = doc->intSubset->children; node != nullptr; node = node->next) {
            if (node->type == XML_ENTITY_DECL) {
                // Declarations carry no line in libxml2: count the lines before the first one in the bytes.
                const auto at = bytes.find("<!ENTITY");
                const auto line = at == std::string::npos ? 0 : 1 + std::count(bytes.begin(), bytes.begin() +
                                                                               static_cast<std::ptrdiff_t>(at), '\n');
                fail(path, line, "the document declares an entity; mapping files may not declare entities");
            }
        }
    }

    // The schema's own message for these is vague ("failed to validate attributes").
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    if (root == nullptr || name_of(root) != "mapping") {
        fail(path, root ? xmlGetLineNo(root) : 0, "expected the root element <mapping version=\"1\">");
    }
    if (attribute(root, "version") != "1") {
        fail(path, xmlGetLineNo(root), "expected version=\"1\" on <mapping> (this baton reads mapping format 1)");
    }

    const std::string schema_file = schema_path();
    FirstError schema_error;
    const std::string schema_text = read_whole(schema_file);
    xmlRelaxNGParserCtxt* schema_parser =
        xmlRelaxNGNewMemParserCtxt(schema_text.data(), static_cast<int>(schema_text.size()));
    xmlRelaxNGSetParserStructuredErrors(schema_parser, remember_error, &schema_error);
    xmlRelaxNG* schema = xmlRelaxNGParse(schema_parser);
    xmlRelaxNGFreeParserCtxt(schema_parser);
    if (schema == nullptr) fail(schema_file, schema_error.line, "the mapping schema is broken: " + schema_error.message);
    FirstError invalid;
    xmlRelaxNGValidCtxt* validator = xmlRelaxNGNewValidCtxt(schema);
    xmlRelaxNGSetValidStructuredErrors(validator, remember_error, &invalid);
    const int verdict = xmlRelaxNGValidateDoc(validator, doc.get());
    xmlRelaxNGFreeValidCtxt(validator);
    xmlRelaxNGFree(schema);
    if (verdict != 0) {
        fail(path, invalid.line, "not a valid mapping: " + (invalid.set ? invalid.message : std::string("invalid")),
             "the schema is " + schema_file + "; docs/mapping-format.md describes every element");
    }

    Mapping mapping;
    mapping.file = path;
    mapping.sha256 = text::sha256_file(path);
    const fs::path folder = fs::path(path).parent_path();
    for_each_element(xmlDocGetRootElement(doc.get()), [&](const xmlNode* section) {
        const auto name = name_of(section);
        if (name == "sources") read_sources(section, path, mapping.sources);
        if (name == "communities") read_communities(section, mapping.communities);
        if (name == "identity") read_identity(section, folder, mapping.identity);
        if (name == "stewardship") read_stewardship(section, mapping.stewardship);
        if (name == "departed") read_successors(section, mapping.successors);
        if (name == "content") read_content(section, mapping.content);
        if (name == "tasks") mapping.tasks = read_task_templates(section, path);
    });
    check_meaning(mapping);
    return mapping;
}

}  // namespace baton::transform::mapping
