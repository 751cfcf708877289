// Tests for the model dump format and item fingerprints.
#include <gtest/gtest.h>

#include <sstream>

#include "model/model_dump.hpp"

namespace baton::model {

TEST(ModelDump, WritesEveryFieldQuoted) {
    std::ostringstream out;
    ModelDumpWriter dump(out);
    dump.person({"login:alice", "alice", "Alice \"A\" Smith", "alice@example.org", {{"author_id", "2"}}});
    Item item;
    item.key = "post:1";
    item.kind = "post";
    item.title = "Line\nbreak";
    item.author_key = "login:alice";
    item.container_keys = {"category:news"};
    item.body = {"wordpress-html", "<p>Hi</p>"};
    item.revisions.push_back({"exported", "login:alice", "2020-01-01T00:00:00Z", 9, {}, {}});
    dump.item(item);
    const std::string text = out.str();
    EXPECT_NE(text.find("person \"login:alice\"\n  login: \"alice\"\n  display_name: \"Alice \\\"A\\\" Smith\""),
              std::string::npos);
    EXPECT_NE(text.find("  attribute \"author_id\" = \"2\""), std::string::npos);
    EXPECT_NE(text.find("  title: \"Line\\nbreak\""), std::string::npos);
    EXPECT_NE(text.find("  in \"category:news\""), std::string::npos);
    EXPECT_NE(text.find("  body wordpress-html (9 bytes): \"<p>Hi</p>\""), std::string::npos);
    EXPECT_NE(text.find("  revision \"exported\" by \"login:alice\" at \"2020-01-01T00:00:00Z\" size 9"),
              std::string::npos);
    EXPECT_EQ(text.rfind("# baton model dump, model version 1", 0), 0U);
}

TEST(ModelFingerprint, ChangesWithAnyField) {
    Item base;
    base.key = "post:1";
    base.title = "A";
    base.body = {"html", "x"};
    const std::string original = fingerprint(base);
    Item changed = base;
    changed.title = "B";
    EXPECT_NE(fingerprint(changed), original);
    changed = base;
    changed.container_keys.push_back("category:a");
    EXPECT_NE(fingerprint(changed), original);
    changed = base;
    changed.attributes.emplace_back("meta:x", "1");
    EXPECT_NE(fingerprint(changed), original);
    changed = base;
    changed.source_line = 99;  // where an item sits in the file is not part of its content
    EXPECT_EQ(fingerprint(changed), original);
}

}  // namespace baton::model
