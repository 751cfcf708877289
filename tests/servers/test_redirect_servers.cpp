// The redirect map served by real nginx and Apache (mod_rewrite): every legacy URL answers 301 to its new URL.
#include <gtest/gtest.h>

#include <sstream>

#include "convert/links/redirect_map.hpp"
#include "support/test_support.hpp"
#include "transform/built_in_planner.hpp"

namespace baton::test {

namespace {

struct Expected {
    std::string request;  // path and query as a browser sends them
    std::string answer;   // "301 URL" or "404 "
};

// A static site whose file names hold every character a regex or a config parser could trip on, plus the
// WordPress sample (query URLs: ?p=, ?page_id=) and DokuWiki's doku.php?id=.
class RedirectSites {
public:
    RedirectSites() {
        const auto site = dir.path() / "site";
        std::filesystem::create_directories(site / "a.b (c)");
        const std::vector<std::string> names = {
            "a.b (c)/x+y [1].html", "dollar$sign.html", "semi;colon 'quoted'.html", "caf\xC3\xA9 \xE6\x97\xA5.html",
            "brace{x}^y|z.html", "percent%41.html", "star*q.html", "back\\slash.html"};
        for (const auto& name : names) {
            write_file((site / name).string(), "<html><head><title>" + name + "</title></head><body><p>x</p></body></html>");
        }
        extract_source(workspace, "html", site.string());
        extract_wxr(workspace, source_file("samples/wordpress/acme-intranet.xml"));
        extract_source(workspace, "dokuwiki", fixture("dokuwiki/data"));
        workspace::recorded_run(workspace, "plan", "", [&](std::int64_t run) {
            plan_run = transform::plan_with_built_in_rules(workspace, run).run_id;
            return workspace::RunOutcome::succeeded;
        });
    }

    // Writes the map of one source and the requests to make, each with the answer it must get.
    std::vector<Expected> write(std::int64_t source_id, const std::string& out) {
        convert::TargetScheme scheme;
        scheme.base_url = "https://collab.example.com";
        convert::LinkIndex index(workspace.db(), plan_run, scheme);
        std::vector<Expected> expected;
        convert::for_each_redirect(workspace.db(), index, source_id, [&](const convert::Redirect& redirect) {
            expected.push_back({redirect.legacy.encoded(), "301 " + redirect.target_url});
        });
        convert::write_redirect_files(workspace.db(), index, source_id, dir.path() / out);
        return expected;
    }

    std::string check(const std::string& server, const std::string& snippet, const std::vector<Expected>& requests) {
        std::string lines;
        for (const auto& request : requests) lines += request.request + "\n";
        const std::string state = dir.file(server + "-" + std::to_string(++m_checks));
        write_file(state + ".requests", lines);
        const std::string command = "bash '" + source_file("tests/servers/redirect-check.sh") + "' " + server + " '" +
                                    dir.file(snippet) + "' '" + state + "' '" + state + ".requests' > '" + state +
                                    ".out' 2> '" + state + ".err'";
        EXPECT_EQ(std::system(command.c_str()), 0) << read_file(state + ".err");
        return read_file(state + ".out");
    }

    TempDir dir;
    workspace::Workspace workspace{dir.file("w.db"), workspace::Access::create};
    std::int64_t plan_run = 0;

private:
    int m_checks = 0;
};

std::string answers(const std::vector<Expected>& requests) {
    std::string out;
    for (const auto& request : requests) out += request.answer + "\n";
    return out;
}

}  // namespace

TEST(RedirectServers, NginxAndApacheRedirectEveryLegacyUrlAndNothingElse) {
    RedirectSites sites;
    for (std::int64_t source = 1; source <= 3; ++source) {
        const std::string out = "out-" + std::to_string(source);
        std::vector<Expected> requests = sites.write(source, out);
        ASSERT_GE(requests.size(), 3U) << "source " << source;
        // Near misses must not redirect: a regex metacharacter taken literally, a longer id, another path.
        const std::size_t redirects = requests.size();
        for (std::size_t i = 0; i < redirects; ++i) {
            const std::string legacy = requests[i].request;  // a copy: push_back below reallocates
            if (const auto dot = legacy.find(".html"); dot != std::string::npos) {
                requests.push_back({legacy.substr(0, dot) + "Xhtml", "404 "});
            }
            if (legacy.find("?p=") != std::string::npos) requests.push_back({legacy + "0", "404 "});
            if (legacy.find("?id=") != std::string::npos) requests.push_back({legacy + "x", "404 "});
        }
        requests.push_back({"/no/such/page.html", "404 "});
        EXPECT_EQ(sites.check("nginx", out + "/nginx.conf", requests), answers(requests)) << "source " << source;
        EXPECT_EQ(sites.check("apache", out + "/apache.conf", requests), answers(requests)) << "source " << source;
    }
}

}  // namespace baton::test
