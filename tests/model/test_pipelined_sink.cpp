// Tests for the pipelined sink: order kept across threads, downstream errors reach the producer.
#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "model/pipelined_sink.hpp"

namespace baton::model {
namespace {

class RecordingSink : public ModelSink {
public:
    void person(Person person) override { events.push_back("person " + person.key); }
    void container(Container container) override { events.push_back("container " + container.key); }
    void item(Item item) override {
        if (item.key == "post:boom") throw std::runtime_error("disk full");
        events.push_back("item " + item.key);
    }
    void message(Message message) override { events.push_back("message " + message.code); }
    std::vector<std::string> events;
};

}  // namespace

TEST(PipelinedSink, KeepsOrderAcrossBatches) {
    RecordingSink downstream;
    {
        PipelinedSink pipeline(downstream, 256, 2);  // tiny batches: many hand-overs
        for (int i = 0; i < 5000; ++i) {
            Item item;
            item.key = "post:" + std::to_string(i);
            pipeline.item(std::move(item));
            if (i % 1000 == 0) pipeline.message({Severity::warning, "w" + std::to_string(i), {}, {}, {}});
        }
        pipeline.finish();
    }
    ASSERT_EQ(downstream.events.size(), 5005U);
    EXPECT_EQ(downstream.events[0], "item post:0");
    EXPECT_EQ(downstream.events[1], "message w0");
    EXPECT_EQ(downstream.events.back(), "item post:4999");
}

TEST(PipelinedSink, RethrowsDownstreamErrors) {
    RecordingSink downstream;
    PipelinedSink pipeline(downstream, 64, 1);
    EXPECT_THROW(
        {
            Item boom;
            boom.key = "post:boom";
            pipeline.item(std::move(boom));
            for (int i = 0; i < 10000; ++i) {
                Item item;
                item.key = "post:" + std::to_string(i);
                pipeline.item(std::move(item));
            }
            pipeline.finish();
        },
        std::runtime_error);
}

}  // namespace baton::model
