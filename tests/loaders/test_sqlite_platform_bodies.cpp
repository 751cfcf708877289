// PlatformBodies: every selected content item, then every comment, each once and in item order, whatever its chunks.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "loaders/common/load_selection.hpp"
#include "loaders/loader_test_support.hpp"
#include "loaders/sqlite/platform_bodies.hpp"
#include "support/test_support.hpp"

namespace baton::test {
namespace {

struct Read {
    std::vector<std::string> rows;  // what each row carries, in order
    std::vector<std::int64_t> content_ids, comment_ids;
};

Read read_all(PlannedWorkspace& planned, std::int64_t rows_per_chunk, std::size_t rows_per_batch) {
    load::sqlite_target::PlatformBodies bodies(planned.workspace.db(), planned.plan_run, {}, rows_per_chunk);
    Read read;
    for (auto batch = bodies.next(rows_per_batch); !batch.empty(); batch = bodies.next(rows_per_batch)) {
        EXPECT_LE(batch.size(), rows_per_batch);
        for (const auto& row : batch) {
            std::string unresolved;
            for (const auto& target : row.unresolved) unresolved += target + ";";
            read.rows.push_back(row.legacy_key + " " + row.content_key + " " + row.format + " " + row.text + " " +
                                unresolved + " " + row.not_converted);
            (row.comment ? read.comment_ids : read.content_ids).push_back(row.item_id);
            EXPECT_TRUE(read.comment_ids.empty() || row.comment) << "content after a comment: " << row.legacy_key;
        }
    }
    return read;
}

}  // namespace

TEST(PlatformBodies, EveryRowOnceInItemOrderWhateverTheChunks) {
    PlannedWorkspace planned(source_file("samples/wordpress/acme-intranet.xml"));
    extract_source(planned.workspace, "mediawiki", fixture("mediawiki-xml/pair-0.10.xml"));
    planned.replan();
    load::LoadOptions options;
    const load::LoadSelection selection(planned.workspace, planned.plan_run, options);
    const Read whole = read_all(planned, 4096, 512);
    ASSERT_EQ(static_cast<std::int64_t>(whole.rows.size()), selection.items);
    ASSERT_GT(whole.content_ids.size(), 10U);
    ASSERT_GT(whole.comment_ids.size(), 5U);
    for (const auto* ids : {&whole.content_ids, &whole.comment_ids}) {
        for (std::size_t i = 1; i < ids->size(); ++i) EXPECT_LT((*ids)[i - 1], (*ids)[i]);
    }
    for (const std::int64_t chunk : {1, 2, 3, 7}) {
        SCOPED_TRACE("chunks of " + std::to_string(chunk));
        const Read chunked = read_all(planned, chunk, 5);
        EXPECT_EQ(chunked.rows, whole.rows);
    }
}

}  // namespace baton::test
