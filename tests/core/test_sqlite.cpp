// Tests for the SQLite layer: binding, transactions, errors.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/sqlite.hpp"
#include "support/test_support.hpp"

namespace baton::sql {

TEST(Sqlite, TemporaryStringsAreCopiedWhenBound) {
    Database db(":memory:", OpenMode::create);
    db.exec("CREATE TABLE t(v TEXT)");
    auto insert = db.prepare("INSERT INTO t(v) VALUES (?)");
    insert.bind(1, std::string(1000, 'x') + "end").run();  // the temporary dies before step()
    EXPECT_EQ(db.query_int("SELECT length(v) FROM t"), 1003);
    auto select = db.prepare("SELECT v FROM t");
    ASSERT_TRUE(select.step());
    EXPECT_EQ(select.column_text(0).substr(1000), "end");
}

TEST(Sqlite, EmptyStringIsNotNullButBindTextOrNullIs) {
    Database db(":memory:", OpenMode::create);
    db.exec("CREATE TABLE t(v TEXT)");
    auto insert = db.prepare("INSERT INTO t(v) VALUES (?)");
    insert.bind(1, std::string_view()).run();
    insert.bind_text_or_null(1, "").run();
    EXPECT_EQ(db.query_int("SELECT count(*) FROM t WHERE v IS NULL"), 1);
    EXPECT_EQ(db.query_int("SELECT count(*) FROM t WHERE v = ''"), 1);
}

TEST(Sqlite, TransactionRollsBackUnlessCommitted) {
    test::TempDir dir;
    Database db(dir.file("t.db"), OpenMode::create);
    db.exec("CREATE TABLE t(v INTEGER)");
    {
        Transaction transaction(db);
        db.exec("INSERT INTO t VALUES (1)");
    }
    EXPECT_EQ(db.query_int("SELECT count(*) FROM t"), 0);
    {
        Transaction transaction(db);
        db.exec("INSERT INTO t VALUES (2)");
        transaction.commit();
    }
    EXPECT_EQ(db.query_int("SELECT count(*) FROM t"), 1);
}

TEST(Sqlite, ErrorsCarrySqliteMessage) {
    Database db(":memory:", OpenMode::create);
    try {
        db.exec("SELECT * FROM missing_table");
        FAIL() << "expected an error";
    } catch (const WorkspaceError& error) {
        EXPECT_NE(std::string(error.what()).find("no such table: missing_table"), std::string::npos);
        EXPECT_EQ(error.code(), ExitCode::workspace);
    }
}

TEST(Sqlite, OpeningAMissingFileReadWriteFails) {
    test::TempDir dir;
    EXPECT_THROW(Database(dir.file("absent.db"), OpenMode::read_write), WorkspaceError);
}

}  // namespace baton::sql
