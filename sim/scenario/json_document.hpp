// Any JSON input file (a scenario, a sweep) from its name to a parsed
// document, refusing what is not one before it can cost much: a file that is
// not regular and never ends (/dev/zero), one far larger than any input,
// binary data, nesting deeper than any input needs. Every problem is a
// ScenarioError naming the file, with LINE:COLUMN where there is a position.
#pragma once

#include <cstddef>
#include <string>

#include "scenario/json_value.hpp"

namespace trustsim {

// Inputs are small; anything bigger is the wrong file.
inline constexpr std::size_t max_input_bytes = std::size_t{64} << 20;
// Scenarios nest five levels (/system/teams/0/staff/0); sweeps a few more.
// The bound keeps every recursive walk of a document (copies, dumps) shallow.
inline constexpr std::size_t max_input_depth = 64;

// The file's bytes, at most max_input_bytes of them. Reads pipes and
// process substitutions (<(...)) too, but never waits for a FIFO that has
// no writer.
std::string read_input_bytes(const std::string& path);

// The document in `text`; `source` names it in messages.
Json parse_json_document(const std::string& text, const std::string& source);

// "SOURCE:LINE:COLUMN" for the byte at `offset` (0-based) of `text`, or
// for its last byte if `offset` is past the end.
std::string text_position(const std::string& source, const std::string& text, std::size_t offset);

}  // namespace trustsim
