// A SELECT read on a second, read-only connection on its own thread, so that the planner's connection writes meanwhile.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/produce_aside.hpp"
#include "core/sqlite.hpp"

namespace baton::transform {

// Calls `handle` with `read(row)` for every row of `select` (read-only SQL over committed data, no parameters),
// in order. In WAL mode the rows are read on a second connection on a thread of its own, in batches, while
// `handle` runs (and writes on `db`) here; otherwise on `db` itself. Errors on either side end both and are thrown.
template <typename Row>
void for_each_row_read_aside(sql::Database& db, const std::string& select, Row (*read)(const sql::Statement&),
                             const std::function<void(Row&)>& handle) {
    if (!db.in_wal_mode()) {
        auto rows = db.prepare(select);
        while (rows.step()) {
            Row row = read(rows);
            handle(row);
        }
        return;
    }
    constexpr std::size_t batch_rows = 2048;
    produce_aside<std::vector<Row>>(
        [&, path = db.path()](const auto& hand_over) {
            sql::Database aside(path, sql::OpenMode::read_only);
            auto rows = aside.prepare(select);
            std::vector<Row> batch;
            batch.reserve(batch_rows);
            while (rows.step()) {
                batch.push_back(read(rows));
                if (batch.size() == batch_rows) {
                    if (!hand_over(std::move(batch))) return;  // the caller stopped
                    batch = {};
                    batch.reserve(batch_rows);
                }
            }
            if (!batch.empty()) hand_over(std::move(batch));
        },
        [&](std::vector<Row>& batch) {
            for (auto& row : batch) handle(row);
        });
}

}  // namespace baton::transform
