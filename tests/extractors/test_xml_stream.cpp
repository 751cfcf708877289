// Tests for XmlStream, the SAX2-based pull reader every XML extractor uses: nodes, long texts, errors, safety.
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "extractors/common/xml_stream.hpp"
#include "support/test_support.hpp"

namespace baton::extract {
namespace {

// Every node as "E<name>@depth", "/@depth", "T<text>" (consecutive text nodes joined), in order.
std::vector<std::string> nodes_of(const std::string& path) {
    XmlStream stream(path);
    std::vector<std::string> nodes;
    while (stream.next()) {
        switch (stream.node()) {
            case XmlStream::Node::element:
                nodes.push_back("E" + std::string(stream.local_name()) + "@" + std::to_string(stream.depth()) +
                                (stream.is_empty_element() ? "/" : ""));
                break;
            case XmlStream::Node::end_element:
                nodes.push_back("/" + std::string(stream.local_name()) + "@" + std::to_string(stream.depth()));
                break;
            case XmlStream::Node::text:
                if (!nodes.empty() && nodes.back().starts_with("T")) {
                    nodes.back() += stream.value();
                } else {
                    nodes.push_back("T" + std::string(stream.value()));
                }
                break;
            case XmlStream::Node::other: break;
        }
    }
    return nodes;
}

TEST(XmlStream, DeliversElementsTextsAndAttributesInDocumentOrder) {
    test::TempDir dir;
    const std::string path = dir.file("doc.xml");
    test::write_file(path, "<?xml version=\"1.0\"?>\n<a x=\"1 &amp; 2 &#38; &lt;&#x41;\"><b>t&lt;u</b><c/><d></d><![CDATA[<raw>]]></a>\n");
    const std::vector<std::string> expected{"Ea@0", "Eb@1", "Tt<u", "/b@1", "Ec@1/", "Ed@1/", "T<raw>", "/a@0"};
    EXPECT_EQ(nodes_of(path), expected);
    XmlStream stream(path);
    ASSERT_TRUE(stream.next());
    EXPECT_EQ(stream.attribute("x"), "1 & 2 & <A");
    EXPECT_EQ(stream.attribute("y"), "");
    EXPECT_EQ(stream.line(), 2);
}

TEST(XmlStream, LongTextsArriveInPiecesThatAddUpToTheWhole) {
    test::TempDir dir;
    const std::string path = dir.file("long.xml");
    std::string text;
    for (int i = 0; text.size() < 1'000'000; ++i) text += "line " + std::to_string(i) + " of a long text\n";
    test::write_file(path, "<doc><long>" + text + "</long><after/></doc>");
    XmlStream stream(path);
    ASSERT_TRUE(stream.next());  // <doc>
    ASSERT_TRUE(stream.next());  // <long>
    std::string gathered;
    std::size_t pieces = 0;
    std::size_t largest = 0;
    stream.read_text([&](std::string_view piece) {
        gathered += piece;
        ++pieces;
        largest = std::max(largest, piece.size());
    }, 65536);
    EXPECT_EQ(gathered, text);
    EXPECT_GT(pieces, 10U);  // never handed over whole
    EXPECT_LE(largest, 65536U);
    ASSERT_TRUE(stream.next());
    EXPECT_EQ(stream.local_name(), "after");
}

TEST(XmlStream, ReadsGzipAndBzip2ByContentWhateverTheName) {
    test::TempDir dir;
    const std::string document = "<doc><item>één</item></doc>\n";
    const std::string plain = dir.file("plain.xml");
    test::write_file(plain, document);
    const std::string gzipped = dir.file("looks-plain.xml");
    gzFile out = gzopen(gzipped.c_str(), "wb");
    ASSERT_NE(out, nullptr);
    ASSERT_EQ(gzwrite(out, document.data(), static_cast<unsigned>(document.size())), static_cast<int>(document.size()));
    gzclose(out);
    EXPECT_EQ(nodes_of(gzipped), nodes_of(plain));
    EXPECT_EQ(nodes_of(plain)[2], "Téén");
}

TEST(XmlStream, AFaultIsThrownOnlyAfterTheNodesBeforeIt) {
    test::TempDir dir;
    const std::string path = dir.file("bad.xml");
    test::write_file(path, "<doc>\n<ok>1</ok>\n<broken attr=oops/>\n</doc>\n");
    XmlStream stream(path);
    std::vector<std::string> names;
    try {
        while (stream.next()) {
            if (stream.node() == XmlStream::Node::element) names.emplace_back(stream.local_name());
        }
        FAIL() << "expected an input error";
    } catch (const InputError& error) {
        EXPECT_EQ(error.code(), ExitCode::malformed_input);
        EXPECT_EQ(error.position().line, 3);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"doc", "ok"}));
}

TEST(XmlStream, EntityDeclarationsAndUndeclaredEntitiesAreRefused) {
    test::TempDir dir;
    const std::string declared = dir.file("declared.xml");
    test::write_file(declared, "<!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<d>&e;</d>\n");
    try {
        (void)nodes_of(declared);
        FAIL() << "expected an input error";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find("declares entities (e)"), std::string::npos) << error.what();
    }
    // With an external subset an undeclared entity is no well-formedness error for libxml2; still refused.
    const std::string used = dir.file("used.xml");
    test::write_file(used, "<!DOCTYPE d SYSTEM \"http://example.invalid/d.dtd\">\n<d>&secret;</d>\n");
    try {
        (void)nodes_of(used);
        FAIL() << "expected an input error";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find("&secret;"), std::string::npos) << error.what();
    }
}

TEST(XmlStream, ReadElementBuildsTheSubtreeAndSkipsUnnamedElements) {
    test::TempDir dir;
    const std::string path = dir.file("tree.xml");
    test::write_file(path, "<r><item id=\"7\"><title>T</title><skip><deep>x</deep></skip><tag/></item></r>");
    XmlStream stream(path);
    ASSERT_TRUE(stream.next());
    ASSERT_TRUE(stream.next());
    const auto skip_classifier = [](std::string_view /*ns*/, std::string_view name) {
        return name == "skip" ? std::string() : std::string(name);
    };
    const XmlElement item = stream.read_element(+skip_classifier);
    EXPECT_EQ(item.name, "item");
    EXPECT_EQ(item.attribute("id"), "7");
    ASSERT_EQ(item.children.size(), 2U);
    EXPECT_EQ(item.child_text("title"), "T");
    EXPECT_NE(item.child("tag"), nullptr);
    EXPECT_EQ(item.child("skip"), nullptr);
    ASSERT_TRUE(stream.next());
    EXPECT_EQ(stream.node(), XmlStream::Node::end_element);  // </r>
    EXPECT_FALSE(stream.next());
}

}  // namespace
}  // namespace baton::extract
