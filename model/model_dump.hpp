// A stable, human-readable text dump of the model, for golden tests reviewed by eye.
#pragma once

#include <ostream>

#include "model/model_sink.hpp"

namespace baton::model {

// Writes each object as it arrives; callers replay objects in a stable order (by key).
class ModelDumpWriter : public ModelSink {
public:
    explicit ModelDumpWriter(std::ostream& out);
    void source(const SourceInfo& source);
    void person(Person person) override;
    void container(Container container) override;
    void item(Item item) override;
    void message(Message message) override;

private:
    std::ostream& m_out;
};

}  // namespace baton::model
