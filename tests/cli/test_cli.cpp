// CLI tests: the built `baton` run end to end, as a user would, checking exit codes and outputs.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <filesystem>

#include "core/error.hpp"
#include "support/test_support.hpp"

namespace baton::test {
namespace {

int code(ExitCode exit_code) { return static_cast<int>(exit_code); }

std::string quoted(const std::string& text) { return "'" + text + "'"; }

}  // namespace

TEST(Cli, HelpForEveryCommand) {
    TempDir dir;
    const auto help = run_baton("--help", dir.path());
    EXPECT_EQ(help.exit_code, 0);
    for (const char* command : {"extract", "status", "plan", "load", "tasks", "report", "dump", "rollback", "verify",
                                "messages"}) {
        EXPECT_NE(help.out.find(std::string("  ") + command), std::string::npos) << command;
        const auto result = run_baton(std::string(command) + " --help", dir.path());
        EXPECT_EQ(result.exit_code, 0) << command;
        EXPECT_NE(result.out.find(std::string("usage: baton ") + command), std::string::npos) << command;
        EXPECT_NE(result.out.find("--workspace"), std::string::npos) << command;
    }
}

// The allocator is the one the build chose (docs/architecture.md): jemalloc prints its statistics at exit when
// MALLOC_CONF asks it to; the C library's malloc and the sanitizers' do not know that variable.
TEST(Cli, TheProgramAllocatesWithTheAllocatorTheBuildChose) {
    TempDir dir;
    const auto result = run_command(
        "MALLOC_CONF=stats_print:true CI=true '" + std::string(BATON_BINARY) + "' status --workspace absent.db",
        dir.path());
    const bool jemalloc = result.err.find("jemalloc statistics") != std::string::npos;
    EXPECT_EQ(jemalloc, BATON_BINARY_USES_JEMALLOC != 0) << result.err.substr(0, 400);
    EXPECT_NE(result.exit_code, 0);  // the workspace does not exist: the command ran and failed as it should
}

TEST(Cli, UsageErrorsExitWithTwo) {
    TempDir dir;
    EXPECT_EQ(run_baton("", dir.path()).exit_code, code(ExitCode::usage));
    const auto unknown = run_baton("frobnicate", dir.path());
    EXPECT_EQ(unknown.exit_code, code(ExitCode::usage));
    EXPECT_NE(unknown.err.find("unknown command \"frobnicate\""), std::string::npos);
    const auto kind = run_baton("extract joomla:site.sql", dir.path());
    EXPECT_EQ(kind.exit_code, code(ExitCode::usage));
    EXPECT_NE(kind.err.find("known kinds: wxr"), std::string::npos) << kind.err;
    EXPECT_EQ(run_baton("status --bogus", dir.path()).exit_code, code(ExitCode::usage));
    EXPECT_FALSE(std::filesystem::exists(dir.file("baton.db")));  // nothing created by a usage error
}

TEST(Cli, EachBadInputHasItsOwnExitCodeAndNamesFileAndLine) {
    TempDir dir;
    struct Case {
        std::string file;
        ExitCode expected;
        std::string text;
    };
    const std::vector<Case> cases = {
        {wxr_fixture("malformed.xml"), ExitCode::malformed_input, "malformed.xml:90:"},
        {wxr_fixture("malformed-simple.xml"), ExitCode::truncated_input, "malformed-simple.xml:"},
        {wxr_fixture("missing-version-tag.xml"), ExitCode::unrecognised_format, "missing WXR version number"},
        {wxr_fixture("invalid-version-tag.xml"), ExitCode::unsupported_version, "invalid WXR version number"},
        {dir.file("absent.xml"), ExitCode::input_unreadable, "absent.xml: no such file"},
    };
    for (const auto& c : cases) {
        const auto result = run_baton("extract wxr:" + quoted(c.file), dir.path());
        EXPECT_EQ(result.exit_code, code(c.expected)) << c.file << "\n" << result.err;
        EXPECT_NE(result.err.find(c.text), std::string::npos) << result.err;
        EXPECT_NE(result.err.find("hint: "), std::string::npos) << result.err;
    }
    // The workspace stays consistent, every run recorded with its outcome.
    const auto status = run_baton("status --json", dir.path());
    ASSERT_EQ(status.exit_code, 0) << status.err;
    Poco::JSON::Parser parser;
    const auto json = parser.parse(status.out).extract<Poco::JSON::Object::Ptr>();
    const auto runs = json->getArray("runs");
    ASSERT_EQ(runs->size(), cases.size());
    for (std::size_t i = 0; i < runs->size(); ++i) {
        EXPECT_EQ(runs->getObject(static_cast<unsigned>(i))->getValue<std::string>("outcome"), "failed");
    }
}

TEST(Cli, CommandsNeedingAPlanSayWhatToRun) {
    TempDir dir;
    const auto no_workspace = run_baton("plan", dir.path());
    EXPECT_EQ(no_workspace.exit_code, code(ExitCode::precondition));
    EXPECT_NE(no_workspace.err.find("baton extract"), std::string::npos);
    ASSERT_EQ(run_baton("extract wxr:" + quoted(wxr_fixture("small-export.xml")), dir.path()).exit_code, 0);
    const auto load = run_baton("load", dir.path());
    EXPECT_EQ(load.exit_code, code(ExitCode::precondition));
    EXPECT_NE(load.err.find("run `baton plan` first"), std::string::npos) << load.err;
    EXPECT_EQ(run_baton("tasks", dir.path()).exit_code, code(ExitCode::precondition));
}

TEST(Cli, MainJobOnTheSampleExport) {
    TempDir dir;
    const std::string sample = source_file("samples/wordpress/acme-intranet.xml");
    const auto extract = run_baton("extract wxr:" + quoted(sample) + " --workspace acme.db", dir.path());
    ASSERT_EQ(extract.exit_code, 0) << extract.err;
    EXPECT_NE(extract.out.find("Acme Intranet"), std::string::npos) << extract.out;
    EXPECT_TRUE(extract.err.empty()) << "quiet off a terminal: " << extract.err;

    const auto plan = run_baton("plan --workspace acme.db", dir.path());
    ASSERT_EQ(plan.exit_code, 0) << plan.err;
    EXPECT_NE(plan.out.find("Human Resources"), std::string::npos) << plan.out;

    const auto load = run_baton("load --workspace acme.db --target sqlite:platform.db", dir.path());
    ASSERT_EQ(load.exit_code, 0) << load.err;
    EXPECT_NE(load.out.find("content: "), std::string::npos);
    EXPECT_NE(load.out.find(" created, 0 updated, 0 unchanged"), std::string::npos);
    const auto again = run_baton("load --workspace acme.db --target sqlite:platform.db", dir.path());
    ASSERT_EQ(again.exit_code, 0);
    for (const char* line : {"communities: 0 created", "users: 0 created", "memberships: 0 created",
                             "content: 0 created", "comments: 0 created", "tasks: 0 created"}) {
        EXPECT_NE(again.out.find(line), std::string::npos) << line << "\n" << again.out;
    }

    const auto tasks = run_baton("tasks --workspace acme.db --out checklists", dir.path());
    ASSERT_EQ(tasks.exit_code, 0) << tasks.err;
    EXPECT_TRUE(std::filesystem::exists(dir.file("checklists/README.md")));
    EXPECT_TRUE(std::filesystem::exists(dir.file("checklists/alice.md")));
    const auto csv = run_baton("tasks --workspace acme.db --format csv --out checklists", dir.path());
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    EXPECT_EQ(read_file(dir.file("checklists/tasks.csv")).rfind("person,email,community", 0), 0U);

    const auto report = run_baton("report --workspace acme.db --out report.html", dir.path());
    ASSERT_EQ(report.exit_code, 0) << report.err;
    const std::string html = read_file(dir.file("report.html"));
    EXPECT_NE(html.find("Human Resources"), std::string::npos);
    EXPECT_NE(html.find("IT Help Desk"), std::string::npos);

    const auto status = run_baton("status --json --workspace acme.db", dir.path());
    ASSERT_EQ(status.exit_code, 0) << status.err;
    Poco::JSON::Parser parser;
    const auto json = parser.parse(status.out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(json->getObject("items")->getValue<int>("post"), 26);
    EXPECT_EQ(json->getObject("items")->getValue<int>("page"), 5);
    EXPECT_EQ(json->getObject("items")->getValue<int>("comment"), 10);
    EXPECT_GT(json->getValue<int>("revisions"), 0);
    EXPECT_GE(json->getValue<int>("people"), 8);
    EXPECT_EQ(json->getObject("containers")->getValue<int>("category"), 8);
    EXPECT_GT(json->getObject("plan")->getValue<int>("communities"), 3);
    EXPECT_EQ(json->getArray("runs")->size(), 7U);  // extract, plan, load x2, tasks x2, report
}

TEST(Cli, UnwritableOutputsHaveTheirOwnExitCode) {
    TempDir dir;
    ASSERT_EQ(run_baton("extract wxr:" + quoted(wxr_fixture("small-export.xml")), dir.path()).exit_code, 0);
    ASSERT_EQ(run_baton("plan", dir.path()).exit_code, 0);
    const auto report = run_baton("report --out /nonexistent-folder/report.html", dir.path());
    EXPECT_EQ(report.exit_code, code(ExitCode::output_unwritable)) << report.err;
    write_file(dir.file("a-file"), "x");
    const auto tasks = run_baton("tasks --out a-file/tasks", dir.path());
    EXPECT_EQ(tasks.exit_code, code(ExitCode::output_unwritable)) << tasks.err;
    const auto load = run_baton("load --target sqlite:/nonexistent-folder/platform.db", dir.path());
    EXPECT_EQ(load.exit_code, code(ExitCode::target)) << load.err;
}

TEST(Cli, PartialExportsRemoveNothing) {
    TempDir dir;
    ASSERT_EQ(run_baton("extract wxr:" + quoted(wxr_fixture("small-export.xml")), dir.path()).exit_code, 0);
    // One post of the same site, as an export filtered to one category would give.
    std::string one = read_file(wxr_fixture("small-export.xml"));
    const auto first_item = one.find("<item>");
    const auto second_item = one.find("<item>", first_item + 1);
    one.erase(second_item, one.rfind("</item>") + 7 - second_item);
    write_file(dir.file("one.xml"), one);
    const auto partial = run_baton("extract --partial wxr:one.xml", dir.path());
    ASSERT_EQ(partial.exit_code, 0) << partial.err;
    EXPECT_NE(partial.out.find(" 0 removed"), std::string::npos) << partial.out;
    const auto whole = run_baton("extract wxr:one.xml", dir.path());
    ASSERT_EQ(whole.exit_code, 0) << whole.err;
    EXPECT_EQ(whole.out.find(" 0 removed"), std::string::npos) << whole.out;  // taken as the whole site now
}

TEST(Cli, DumpIsStableText) {
    TempDir dir;
    ASSERT_EQ(run_baton("extract wxr:" + quoted(wxr_fixture("wxr-simple.xml")), dir.path()).exit_code, 0);
    const auto dump = run_baton("dump", dir.path());
    ASSERT_EQ(dump.exit_code, 0) << dump.err;
    EXPECT_NE(dump.out.find("item \"post:10\""), std::string::npos);
    EXPECT_EQ(run_baton("dump", dir.path()).out, dump.out);
    EXPECT_EQ(run_baton("dump --source 42", dir.path()).exit_code, code(ExitCode::usage));
}

}  // namespace baton::test
