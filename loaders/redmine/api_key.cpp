// The Redmine API key: from BATON_REDMINE_API_KEY or the file named by BATON_REDMINE_API_KEY_FILE, never the command line.
#include "loaders/redmine/api_key.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/text.hpp"

namespace baton::load::redmine {

std::string api_key_from_environment() {
    if (const char* value = std::getenv("BATON_REDMINE_API_KEY"); value != nullptr && *value != '\0') {
        return text::trim(value);
    }
    if (const char* file = std::getenv("BATON_REDMINE_API_KEY_FILE"); file != nullptr && *file != '\0') {
        std::ifstream in(file, std::ios::binary);
        if (!in) throw UsageError(std::string("cannot read the Redmine API key file ") + file + " (BATON_REDMINE_API_KEY_FILE)");
        std::ostringstream content;
        content << in.rdbuf();
        std::string key = text::trim(content.str());
        if (key.empty()) throw UsageError(std::string("the Redmine API key file ") + file + " is empty");
        return key;
    }
    throw UsageError("no Redmine API key",
                     "set BATON_REDMINE_API_KEY, or BATON_REDMINE_API_KEY_FILE to a file holding it (an admin's key: "
                     "users are created and pages written as their authors)");
}

}  // namespace baton::load::redmine
