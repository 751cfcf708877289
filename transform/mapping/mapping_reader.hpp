// Reads a mapping file: checked against mappings/baton-mapping.rng, then turned into a Mapping.
#pragma once

#include <string>

#include "transform/mapping/mapping.hpp"

namespace baton::transform::mapping {

// The schema file: $BATON_MAPPING_SCHEMA, else share/baton/ beside the executable's folder (also in the
// build tree), else the source tree's mappings/ folder. Throws InputError (mapping-error) when none exists.
[[nodiscard]] std::string schema_path();

// Parses and validates `path` without touching the network or any external entity; documents that
// declare entities are refused. Throws InputError (exit code 9, mapping-error) naming the file, the
// line and what was expected. The directory file is resolved against the mapping file's folder.
[[nodiscard]] Mapping read_mapping(const std::string& path);

}  // namespace baton::transform::mapping
