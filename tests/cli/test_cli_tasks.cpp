// `baton tasks` end to end: golden outputs for the fixtures' plans, the CSV re-read strictly, the progress
// round trip (an edited CSV back in, --progress with people, communities and communities at risk).
// BATON_UPDATE_GOLDEN=1 rewrites tests/golden/tasks/ instead of comparing.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "core/sqlite.hpp"
#include "support/strict_csv.hpp"
#include "support/test_support.hpp"

namespace baton {
namespace {

namespace fs = std::filesystem;
using test::run_baton;

// Extracts `source` (KIND:PATH), converts, plans (with `plan_options`), and writes the tasks for go-live
// 2026-12-01 into DIR/out in `formats`.
void plan_and_write(const test::TempDir& dir, const std::string& source, const std::string& plan_options,
                    const std::string& formats) {
    const auto extract = run_baton("extract '" + source + "'", dir.path());
    ASSERT_EQ(extract.exit_code, 0) << extract.err;
    const auto convert = run_baton("convert", dir.path());
    ASSERT_EQ(convert.exit_code, 0) << convert.err;
    const auto plan = run_baton("plan " + plan_options, dir.path());
    ASSERT_EQ(plan.exit_code, 0) << plan.err;
    const auto tasks = run_baton("tasks --go-live 2026-12-01 --from it@acme.example --format " + formats + " --out out",
                                 dir.path());
    ASSERT_EQ(tasks.exit_code, 0) << tasks.err;
}

// The calendars' DTSTAMP (DTSTAMP:YYYYMMDDTHHMMSSZ) is the time they were written.
std::string normalised(std::string text) {
    const std::string name = "\nDTSTAMP:";
    constexpr std::size_t stamp_length = 16;
    for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
        text.replace(at + name.size(), stamp_length, "(written)");
    }
    return text;
}

void compare_with_golden(const test::TempDir& dir, const std::string& name) {
    const fs::path golden = test::source_file("tests/golden/tasks/" + name);
    std::set<std::string> written;
    for (const auto& entry : fs::directory_iterator(dir.file("out"))) written.insert(entry.path().filename().string());
    if (std::getenv("BATON_UPDATE_GOLDEN") != nullptr) {
        fs::remove_all(golden);
        fs::create_directories(golden);
        for (const auto& file : written) {
            test::write_file((golden / file).string(), normalised(test::read_file(dir.file("out/" + file))));
        }
        GTEST_SUCCEED() << "rewrote " << golden;
        return;
    }
    std::set<std::string> expected;
    if (fs::exists(golden)) {
        for (const auto& entry : fs::directory_iterator(golden)) expected.insert(entry.path().filename().string());
    }
    ASSERT_FALSE(expected.empty()) << golden << " is missing; run with BATON_UPDATE_GOLDEN=1 and review it";
    EXPECT_EQ(written, expected) << "the files written differ from " << golden;
    for (const auto& file : expected) {
        if (!written.contains(file)) continue;
        EXPECT_EQ(normalised(test::read_file(dir.file("out/" + file))), test::read_file((golden / file).string()))
            << "out/" << file << " differs from " << (golden / file);
    }
}

const char* const golden_formats = "md,html,csv,json,ics";

}  // namespace

TEST(CliTasksGolden, SampleExportWithTheBuiltInRules) {
    test::TempDir dir;
    plan_and_write(dir, "wxr:" + test::source_file("samples/wordpress/acme-intranet.xml"), "", golden_formats);
    compare_with_golden(dir, "acme-intranet");
}

TEST(CliTasksGolden, SampleExportWithTheTasksExampleMapping) {
    test::TempDir dir;
    plan_and_write(dir, "wxr:" + test::source_file("samples/wordpress/acme-intranet.xml"),
                   "--mapping '" + test::source_file("mappings/tasks.example.xml") + "'", golden_formats);
    compare_with_golden(dir, "acme-intranet-tasks-mapping");
    // Paris in winter is UTC+1: 16:00 local is 15:00Z; -15 working days from Tuesday 2026-12-01 is 2026-11-10.
    const std::string ics = test::read_file(dir.file("out/alice.ics"));
    EXPECT_NE(ics.find("UID:accept-role.human-resources.login-alice@baton\r\nDTSTAMP:"), std::string::npos);
    EXPECT_NE(ics.find("DUE:20261110T150000Z"), std::string::npos);
}

TEST(CliTasksGolden, MediaWikiTemplatesFlaggedInConversion) {
    test::TempDir dir;
    plan_and_write(dir, "mediawiki:" + test::fixture("mediawiki-xml/dummy-template.xml"), "", golden_formats);
    compare_with_golden(dir, "mediawiki-dummy-template");
    EXPECT_NE(test::read_file(dir.file("out/tasks.csv")).find(",fix-flagged,"), std::string::npos);
}

TEST(CliTasksGolden, MediaWikiLinksToMissingPages) {
    test::TempDir dir;
    plan_and_write(dir, "mediawiki:" + test::fixture("mediawiki-xml/ImportLinkCacheIntegrationTest.xml"), "",
                   golden_formats);
    compare_with_golden(dir, "mediawiki-missing-links");
    EXPECT_NE(test::read_file(dir.file("out/tasks.csv")).find("broken link"), std::string::npos);
}

TEST(CliTasks, CsvIsStrictAndMatchesTheJson) {
    test::TempDir dir;
    plan_and_write(dir, "wxr:" + test::source_file("samples/wordpress/acme-intranet.xml"), "", "csv,json");
    const auto rows = test::parse_csv_strictly(test::read_file(dir.file("out/tasks.csv")));
    ASSERT_GT(rows.size(), 1U);
    for (std::size_t i = 1; i < rows.size(); ++i) {
        ASSERT_EQ(rows[i].size(), rows[0].size()) << "row " << i;
        EXPECT_EQ(rows[i][9], "open");
        EXPECT_EQ(rows[i][12].size(), 10U);  // due_date YYYY-MM-DD
    }
    const std::string json = test::read_file(dir.file("out/tasks.json"));
    std::size_t tasks_in_json = 0;
    for (auto at = json.find("\"uid\": "); at != std::string::npos; at = json.find("\"uid\": ", at + 1)) ++tasks_in_json;
    EXPECT_EQ(tasks_in_json, rows.size() - 1);
}

TEST(CliTasks, BadOptionsAreUsageErrors) {
    test::TempDir dir;
    plan_and_write(dir, "wxr:" + test::source_file("samples/wordpress/acme-intranet.xml"), "", "csv");
    EXPECT_EQ(run_baton("tasks --go-live 2026-02-30", dir.path()).exit_code, 2);
    EXPECT_EQ(run_baton("tasks --format csv,pdf", dir.path()).exit_code, 2);
    EXPECT_EQ(run_baton("tasks --send http://x", dir.path()).exit_code, 2);
    EXPECT_EQ(run_baton("tasks --progress --as-of yesterday", dir.path()).exit_code, 2);
    const auto from = run_baton("tasks --format eml --from nobody", dir.path());
    EXPECT_EQ(from.exit_code, 2);
    EXPECT_NE(from.err.find("--from nobody is not an e-mail address"), std::string::npos) << from.err;
}

TEST(CliTasks, ProgressRoundTripThroughAnEditedCsv) {
    test::TempDir dir;
    plan_and_write(dir, "wxr:" + test::source_file("samples/wordpress/acme-intranet.xml"), "", "csv");
    auto rows = test::parse_csv_strictly(test::read_file(dir.file("out/tasks.csv")));
    // Alice (owner of Human Resources) did all her tasks there; Dave declined his accept-role task in IT Help Desk.
    std::size_t alice_done = 0;
    for (auto& row : rows) {
        if (row[11] == "login:alice" && row[3] == "human-resources") {
            row[9] = "Done";
            ++alice_done;
        }
        if (row[11] == "login:dave" && row[3] == "it-help-desk" && row[10] == "accept-role") row[9] = "declined";
    }
    ASSERT_GT(alice_done, 3U);
    std::string edited;
    for (const auto& row : rows) {
        std::string line;
        for (const auto& field : row) {
            std::string quoted = "\"";
            for (const char c : field) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
            line += (line.empty() ? "" : ",") + quoted + "\"";
        }
        edited += line + "\r\n";
    }
    // A row naming no task, a row with an unknown status and a short row: each reported with its line, skipped.
    const auto last_line = 1 + std::count(edited.begin(), edited.end(), '\n');
    edited += "Nobody,,X,x,owner,1,T,D,0,done,no-such-task,login:nobody,2026-11-10,normal,\r\n";
    edited += rows[1][0] + ",," + rows[1][2] + "," + rows[1][3] + ",manager,1,T,D,0,finished," + rows[1][10] + "," +
              rows[1][11] + ",2026-11-10,normal,\r\n";
    edited += "too,short\r\n";
    edited += "\"quoted\"then text,x\r\n";
    test::write_file(dir.file("edited.csv"), edited);

    const auto imported = run_baton("tasks --import-progress edited.csv", dir.path());
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_NE(imported.out.find(std::to_string(alice_done + 1) + " changed"), std::string::npos) << imported.out;
    EXPECT_NE(imported.out.find("4 rows skipped"), std::string::npos) << imported.out;
    EXPECT_NE(imported.err.find("edited.csv:" + std::to_string(last_line) +
                                ": no task no-such-task of login:nobody in community x in the current plan"),
              std::string::npos) << imported.err;
    EXPECT_NE(imported.err.find("edited.csv:" + std::to_string(last_line + 1) + ": unknown status \"finished\""),
              std::string::npos) << imported.err;
    EXPECT_NE(imported.err.find("edited.csv:" + std::to_string(last_line + 2) + ": expected 15 fields"),
              std::string::npos) << imported.err;
    EXPECT_NE(imported.err.find("edited.csv:" + std::to_string(last_line + 3) + ": "), std::string::npos)
        << imported.err;  // broken quoting, in the CSV reader's words
    // Importing the same file again changes nothing.
    const auto again = run_baton("tasks --import-progress edited.csv", dir.path());
    EXPECT_NE(again.out.find(" 0 changed, " + std::to_string(rows.size() - 1) + " unchanged"), std::string::npos)
        << again.out;

    // The statuses come back out in the task lists.
    ASSERT_EQ(run_baton("tasks --go-live 2026-12-01 --format csv,ics,md --out out2", dir.path()).exit_code, 0);
    const auto after = test::parse_csv_strictly(test::read_file(dir.file("out2/tasks.csv")));
    std::size_t done = 0;
    for (const auto& row : after) done += row[9] == "done" ? 1U : 0U;
    EXPECT_EQ(done, alice_done);
    EXPECT_NE(test::read_file(dir.file("out2/alice.ics")).find("STATUS:COMPLETED"), std::string::npos);
    EXPECT_NE(test::read_file(dir.file("out2/dave.ics")).find("STATUS:CANCELLED"), std::string::npos);
    EXPECT_NE(test::read_file(dir.file("out2/alice.md")).find("- [x] **"), std::string::npos);

    // Progress on 2026-11-20: Alice's community is complete but for its managers; Dave declined; others overdue.
    const auto progress = run_baton("tasks --progress --go-live 2026-12-01 --as-of 2026-11-20", dir.path());
    ASSERT_EQ(progress.exit_code, 0) << progress.err;
    EXPECT_EQ(progress.out.rfind("progress on 2026-11-20 (go-live 2026-12-01)\n", 0), 0U) << progress.out;
    EXPECT_NE(progress.out.find("  Alice Moreau: " + std::to_string(alice_done) + "/"), std::string::npos)
        << progress.out;
    EXPECT_NE(progress.out.find("  IT Help Desk: the owner Dave Okafor declined the role (accept-role task)"),
              std::string::npos) << progress.out;
    EXPECT_NE(progress.out.find("is silent: no answer and"), std::string::npos) << progress.out;
    EXPECT_EQ(progress.out.find("  Human Resources: the owner"), std::string::npos) << progress.out;
    // Erin declines Engineering in the review portal and nominates someone else: at risk, with her note.
    {
        sql::Database db(dir.file("baton.db"), sql::OpenMode::read_write);
        db.exec("INSERT INTO owner_decisions(person_id, community_slug, decision, nominee_login, note, decided_by, "
                "decided_at, via) SELECT id, 'engineering', 'nominate', 'frank', 'Frank knows it better', 'erin', "
                "'2026-11-05T10:00:00Z', 'portal' FROM people WHERE key = 'login:erin'");
    }
    const auto declined = run_baton("tasks --progress --go-live 2026-12-01 --as-of 2026-11-01", dir.path());
    EXPECT_NE(declined.out.find("  Engineering: the owner Erin Castellano declined and nominated someone else "
                                "(\"Frank knows it better\")"),
              std::string::npos) << declined.out;
    // Before any task is due nothing is overdue and nobody is silent.
    const auto early = run_baton("tasks --progress --go-live 2026-12-01 --as-of 2026-11-01", dir.path());
    EXPECT_EQ(early.out.find("overdue"), std::string::npos) << early.out;
    EXPECT_EQ(early.out.find("silent"), std::string::npos) << early.out;
}

TEST(CliTasks, ProgressReadBackFromTheSqliteTarget) {
    test::TempDir dir;
    plan_and_write(dir, "wxr:" + test::source_file("samples/wordpress/acme-intranet.xml"), "", "csv");
    ASSERT_EQ(run_baton("load --target sqlite:platform.db", dir.path()).exit_code, 0);
    std::int64_t accept_tasks = 0;
    {
        // Someone ticks every accept-role task in the target, and types a status baton does not know on one row.
        sql::Database platform(dir.file("platform.db"), sql::OpenMode::read_write);
        platform.exec("UPDATE tasks SET status = 'done' WHERE legacy_key LIKE '%/accept-role'");
        accept_tasks = platform.query_int("SELECT count(*) FROM tasks WHERE status = 'done'");
        platform.exec("UPDATE tasks SET status = 'half done' WHERE id = (SELECT min(id) FROM tasks WHERE status = 'open')");
    }
    ASSERT_GT(accept_tasks, 5);
    const auto imported = run_baton("tasks --import-progress sqlite:platform.db", dir.path());
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_NE(imported.out.find(std::to_string(accept_tasks) + " changed"), std::string::npos) << imported.out;
    EXPECT_NE(imported.out.find("1 row skipped"), std::string::npos) << imported.out;
    EXPECT_NE(imported.err.find("unknown status \"half done\""), std::string::npos) << imported.err;
    ASSERT_EQ(run_baton("tasks --go-live 2026-12-01 --format csv --out after", dir.path()).exit_code, 0);
    std::int64_t done = 0;
    for (const auto& row : test::parse_csv_strictly(test::read_file(dir.file("after/tasks.csv")))) {
        if (row[9] == "done") {
            EXPECT_EQ(row[10], "accept-role");
            ++done;
        }
    }
    EXPECT_EQ(done, accept_tasks);
    EXPECT_EQ(run_baton("tasks --import-progress sqlite:nothing.db", dir.path()).exit_code, 10);
}

TEST(CliTasks, ReviewLinksFromTheInvitationsInChecklistsAndMails) {
    test::TempDir dir;
    plan_and_write(dir, "wxr:" + test::source_file("samples/wordpress/acme-intranet.xml"), "", "csv");
    const auto invite = run_baton("invite --base-url https://review.acme.test --out links.csv", dir.path());
    ASSERT_EQ(invite.exit_code, 0) << invite.err;
    // Each person's own link, as baton invite wrote it.
    std::map<std::string, std::string> links;
    std::string csv;  // baton invite ends its lines with LF; the strict parser wants RFC 4180's CRLF
    for (const char c : test::read_file(dir.file("links.csv"))) csv += c == '\n' ? std::string("\r\n") : std::string(1, c);
    const auto rows = test::parse_csv_strictly(csv);
    ASSERT_GT(rows.size(), 2U);
    std::size_t key = rows[0].size(), link = rows[0].size();
    for (std::size_t i = 0; i < rows[0].size(); ++i) {
        if (rows[0][i] == "person_key") key = i;
        if (rows[0][i] == "link") link = i;
    }
    ASSERT_LT(key, rows[0].size());
    ASSERT_LT(link, rows[0].size());
    for (std::size_t r = 1; r < rows.size(); ++r) links[rows[r][key]] = rows[r][link];
    ASSERT_TRUE(links.count("login:alice"));
    ASSERT_EQ(links["login:alice"].rfind("https://review.acme.test/i/", 0), 0U);

    const auto tasks = run_baton("tasks --go-live 2026-12-01 --from it@acme.example --format md,html,eml "
                                 "--invitations links.csv --out with-links",
                                 dir.path());
    ASSERT_EQ(tasks.exit_code, 0) << tasks.err;
    EXPECT_NE(tasks.out.find("review links for " + std::to_string(links.size()) + " people from links.csv"),
              std::string::npos)
        << tasks.out;
    EXPECT_NE(test::read_file(dir.file("with-links/alice.md")).find("<" + links["login:alice"] + ">"), std::string::npos);
    EXPECT_NE(test::read_file(dir.file("with-links/alice.html")).find("<a href=\"" + links["login:alice"] + "\">"),
              std::string::npos);
    const std::string mail = test::read_file(dir.file("with-links/alice.eml"));
    EXPECT_NE(mail.find(links["login:alice"]), std::string::npos);
    EXPECT_EQ(mail.find(links["login:bob"]), std::string::npos);  // nobody else's link
    // Without --invitations there is no link; a CSV without the columns is an input error.
    ASSERT_EQ(run_baton("tasks --go-live 2026-12-01 --format md --out plain", dir.path()).exit_code, 0);
    EXPECT_EQ(test::read_file(dir.file("plain/alice.md")).find("review.acme.test"), std::string::npos);
    test::write_file(dir.file("bad.csv"), "who,where\nalice,https://x\n");
    const auto bad = run_baton("tasks --format md --out bad --invitations bad.csv", dir.path());
    EXPECT_EQ(bad.exit_code, 4);
    EXPECT_NE(bad.err.find("bad.csv:1"), std::string::npos) << bad.err;
    EXPECT_NE(bad.err.find("no column person_key"), std::string::npos) << bad.err;
}

}  // namespace baton
