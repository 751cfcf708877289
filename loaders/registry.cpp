// The target registry: adding a target platform is a folder under loaders/ and one line here.
#include "core/error.hpp"
#include "loaders/loader.hpp"
#include "loaders/redmine/redmine_loader.hpp"
#include "loaders/sqlite/sqlite_platform_loader.hpp"

namespace baton::load {

const std::vector<TargetKind>& target_kinds() {
    static const std::vector<TargetKind> kinds = {
        {"sqlite", "the embedded default: the new platform modelled in a SQLite file, e.g. sqlite:platform.db",
         &create_sqlite_platform_loader},
        {"redmine", "a live Redmine over its REST API, e.g. redmine:http://127.0.0.1:3000", &create_redmine_loader},
    };
    return kinds;
}

std::unique_ptr<Loader> create_loader(const std::string& target_spec) {
    std::string names;
    for (const auto& kind : target_kinds()) names += (names.empty() ? "" : ", ") + std::string(kind.name);
    const auto colon = target_spec.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == target_spec.size()) {
        throw UsageError("\"" + target_spec + "\" is not KIND:LOCATION", "for example sqlite:platform.db; kinds: " + names);
    }
    const std::string kind = target_spec.substr(0, colon);
    for (const auto& candidate : target_kinds()) {
        if (candidate.name == kind) return candidate.create(target_spec.substr(colon + 1));
    }
    throw UsageError("unknown target kind \"" + kind + "\"", "known kinds: " + names);
}

}  // namespace baton::load
