// The link index of a target: Redmine names its pages itself, other targets follow the URL scheme.
#include "loaders/target_links.hpp"

#include "loaders/redmine/redmine_loader.hpp"

namespace baton::load {

std::unique_ptr<convert::LinkIndex> target_link_index(workspace::Workspace& workspace, std::int64_t plan_run,
                                                      const std::string& target_spec,
                                                      const convert::TargetScheme& scheme) {
    constexpr std::string_view redmine_prefix = "redmine:";
    if (target_spec.starts_with(redmine_prefix)) {
        const RedmineLoader redmine(target_spec.substr(redmine_prefix.size()));
        return redmine.link_index(workspace, plan_run, scheme.base_url);
    }
    if (!target_spec.empty()) (void)create_loader(target_spec);  // a bad spec or kind is a usage error
    return std::make_unique<convert::LinkIndex>(workspace.db(), plan_run, scheme);
}

}  // namespace baton::load
