// The Redmine API key: from BATON_REDMINE_API_KEY or the file named by BATON_REDMINE_API_KEY_FILE, never the command line.
#pragma once

#include <string>

namespace baton::load::redmine {

// Throws UsageError (naming the variables, never the key) when neither gives a key.
[[nodiscard]] std::string api_key_from_environment();

}  // namespace baton::load::redmine
