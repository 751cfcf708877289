// The interface extractors emit into, one object at a time (workspace writer, dumps, tests).
#pragma once

#include "model/model.hpp"

namespace baton::model {

// References may point forward: an item can name a person or container the sink has not seen;
// the sink must accept it (the workspace creates a placeholder and fills it in later).
class ModelSink {
public:
    virtual ~ModelSink() = default;
    virtual void person(Person person) = 0;
    virtual void container(Container container) = 0;
    virtual void item(Item item) = 0;
    virtual void message(Message message) = 0;
    // Old revisions' texts; sinks that do not keep them ignore them.
    virtual void revision_text(RevisionText /*text*/) {}
};

}  // namespace baton::model
