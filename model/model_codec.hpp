// A compact byte encoding of model objects, so batches cross threads as one buffer, not many allocations.
#pragma once

#include <string>
#include <string_view>

#include "model/model_sink.hpp"

namespace baton::model {

// Appends one object to `out`: a tag byte, then its fields, strings as length + bytes.
void encode(const Person& person, std::string& out);
void encode(const Container& container, std::string& out);
void encode(const Item& item, std::string& out);
void encode(const Message& message, std::string& out);
void encode(const RevisionText& text, std::string& out);

// Decodes every object in `buffer`, in order, and hands each to `sink`. The buffer must have been
// written by encode() in this process (no validation beyond bounds checks).
void decode_into(std::string_view buffer, ModelSink& sink);

}  // namespace baton::model
