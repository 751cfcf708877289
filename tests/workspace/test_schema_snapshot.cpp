// The schema snapshot a new workspace runs is exactly what the upgrade steps make of an empty database.
// BATON_UPDATE_GOLDEN=1 rewrites workspace/schema_snapshot.cpp from the steps (review the diff by eye; that run fails,
// since the binary holds the old snapshot until it is rebuilt).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "core/sqlite.hpp"
#include "support/test_support.hpp"
#include "workspace/schema.hpp"

namespace baton::workspace {
namespace {

// Every object of the schema (automatic indexes and sqlite_sequence included) with its SQL, in order.
std::string schema_objects(sql::Database& db) {
    std::string objects;
    auto select = db.prepare("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema ORDER BY rowid");
    while (select.step()) {
        objects += select.column_text(0) + " " + select.column_text(1) + " " + select.column_text(2) + " " +
                   select.column_text(3) + "\n";
    }
    return objects;
}

void write_snapshot_source(const std::string& script) {
    std::ofstream out(std::string(BATON_SOURCE_DIR) + "/workspace/schema_snapshot.cpp", std::ios::binary);
    out << "// Generated: the latest workspace schema as one script (see schema.hpp); rewritten by "
           "BATON_UPDATE_GOLDEN=1 ctest -R SchemaSnapshot.\n"
           "#include \"workspace/schema.hpp\"\n\nnamespace baton::workspace {\n\n"
           "const SchemaSnapshot& latest_schema_snapshot() {\n"
           "    static const SchemaSnapshot snapshot{" << latest_schema_version() << ", R\"sql(" << script
        << ")sql\"};\n    return snapshot;\n}\n\n}  // namespace baton::workspace\n";
    ASSERT_TRUE(out.good());
}

}  // namespace

TEST(SchemaSnapshot, IsWhatTheStepsMakeOfAnEmptyDatabase) {
    test::TempDir dir;
    sql::Database db(dir.file("steps.db"), sql::OpenMode::create);
    apply_schema_steps(db, 0, latest_schema_version());
    const std::string script = schema_snapshot_text(db);
    ASSERT_NE(script.find("CREATE TABLE meta"), std::string::npos);
    if (std::getenv("BATON_UPDATE_GOLDEN") != nullptr) {
        write_snapshot_source(script);
        // Not a pass: the binary still holds the old snapshot. Rebuild, and the run without the variable checks it.
        FAIL() << "rewrote workspace/schema_snapshot.cpp: rebuild and run again without BATON_UPDATE_GOLDEN";
    }
    EXPECT_EQ(latest_schema_snapshot().version, latest_schema_version())
        << "a schema step was added: run BATON_UPDATE_GOLDEN=1 ctest -R SchemaSnapshot, rebuild";
    EXPECT_EQ(latest_schema_snapshot().script, script)
        << "the steps changed: run BATON_UPDATE_GOLDEN=1 ctest -R SchemaSnapshot, rebuild";
}

TEST(SchemaSnapshot, ANewDatabaseFromItEqualsOneBuiltStepByStep) {
    test::TempDir dir;
    sql::Database by_steps(dir.file("steps.db"), sql::OpenMode::create);
    apply_schema_steps(by_steps, 0, latest_schema_version());
    sql::Database by_snapshot(dir.file("snapshot.db"), sql::OpenMode::create);
    create_latest_schema(by_snapshot);
    EXPECT_EQ(schema_objects(by_snapshot), schema_objects(by_steps));
    EXPECT_EQ(schema_snapshot_text(by_snapshot), schema_snapshot_text(by_steps));  // the rows the steps insert
    EXPECT_EQ(by_snapshot.query_int("PRAGMA user_version"), latest_schema_version());
    EXPECT_EQ(by_snapshot.query_int("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
}

}  // namespace baton::workspace
