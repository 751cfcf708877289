// Tests for `baton status`'s data: counts per kind and status, JSON shape.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include "support/test_support.hpp"
#include "workspace/status.hpp"

namespace baton::workspace {

TEST(Status, CountsSmallExportAsWordPressDoes) {
    test::TempDir dir;
    Workspace workspace(dir.file("w.db"), Access::create);
    test::extract_wxr(workspace, test::wxr_fixture("small-export.xml"));
    const auto status = collect_status(workspace);
    ASSERT_EQ(status.sources.size(), 1U);
    const auto& items = status.sources[0].items;
    EXPECT_EQ(items.at("post").at("publish"), 5);
    EXPECT_EQ(items.at("post").at("private"), 1);
    EXPECT_EQ(items.at("page").at("publish"), 4);
    EXPECT_EQ(items.at("page").at("draft"), 1);
    EXPECT_EQ(status.items_by_kind.at("comment"), 1);

    Poco::JSON::Parser parser;
    const auto json = parser.parse(status_as_json(status)).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(json->getObject("items")->getValue<int>("post"), 6);
    EXPECT_EQ(json->getObject("items")->getValue<int>("page"), 5);
    EXPECT_EQ(json->getValue<int>("revisions"), 12);
    EXPECT_EQ(json->getObject("containers")->getValue<int>("category"), 30);
    EXPECT_EQ(json->getObject("containers")->getValue<int>("tag"), 3);
    EXPECT_EQ(json->getArray("runs")->size(), 1U);
    EXPECT_EQ(json->getArray("runs")->getObject(0)->getValue<std::string>("outcome"), "succeeded");
    EXPECT_TRUE(json->isNull("plan"));
}

TEST(Status, TextNamesSourcesAndRuns) {
    test::TempDir dir;
    Workspace workspace(dir.file("w.db"), Access::create);
    const std::string text = status_as_text(collect_status(workspace));
    EXPECT_NE(text.find("no sources yet"), std::string::npos);
}

}  // namespace baton::workspace
