// Reading any JSON input: what is not a small JSON text is refused cheaply
// and by name, before it can exhaust memory or the stack, or block.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "scenario/json_document.hpp"
#include "scenario/scenario_error.hpp"

using namespace trustsim;

namespace {

ScenarioError parse_error_for(const std::string& text) {
  try {
    parse_json_document(text, "input.json");
  } catch (const ScenarioError& error) {
    return error;
  }
  FAIL("accepted: " << text.substr(0, 80));
  throw std::logic_error("unreachable");
}

ScenarioError read_error_for(const std::string& path) {
  try {
    read_input_bytes(path);
  } catch (const ScenarioError& error) {
    return error;
  }
  FAIL("read without error: " << path);
  throw std::logic_error("unreachable");
}

struct ScratchDirectory {
  std::filesystem::path path;
  explicit ScratchDirectory(const std::string& name)
      : path(std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~ScratchDirectory() { std::filesystem::remove_all(path); }
};

}  // namespace

TEST_CASE("nesting deeper than any input needs is refused at the bracket that goes too deep") {
  const std::size_t levels = 100000;  // would be 100,000 nested arrays
  const auto error = parse_error_for(std::string(levels, '[') + std::string(levels, ']'));
  const auto column = std::to_string(max_input_depth + 1);
  CHECK(error.where() == "input.json:1:" + column);
  CHECK_THAT(error.problem(), Catch::StartsWith("nested more than 64 levels deep"));

  const auto objects = parse_error_for(R"({"a": )" + std::string(levels, '{'));
  CHECK_THAT(objects.problem(), Catch::StartsWith("nested more than"));
}

TEST_CASE("brackets inside strings do not count as nesting") {
  const std::string text = R"({"name": ")" + std::string(1000, '[') + R"(\"{{{"})";
  CHECK(parse_json_document(text, "input.json")["name"].get<std::string>().size() == 1004);
  const std::string at_limit =
      std::string(max_input_depth, '[') + std::string(max_input_depth, ']');
  CHECK(parse_json_document(at_limit, "input.json").is_array());
}

TEST_CASE("a number out of range is refused at its line and column") {
  // Like nlohmann's syntax errors, the position is where the token ends.
  const auto error = parse_error_for("{\n  \"x\": -1e999\n}");
  CHECK(error.where() == "input.json:2:13");
  CHECK(error.problem() == "number overflow parsing '-1e999'");
}

TEST_CASE("syntax errors keep nlohmann's explanation without its prefix") {
  const auto error = parse_error_for("{\"days\": NaN}");
  CHECK(error.where() == "input.json:1:10");
  CHECK_THAT(error.problem(),
             Catch::StartsWith("syntax error while parsing value - invalid literal"));
  CHECK_THAT(error.what(), !Catch::Contains("json.exception"));
}

TEST_CASE("a file that never ends is refused after the size limit, not read to exhaustion") {
  // /dev/zero reports size 0 and yields bytes forever.
  const auto error = read_error_for("/dev/zero");
  CHECK(error.problem() == "too large for an input file (more than 64 MiB)");
}

TEST_CASE("a FIFO without a writer reads as empty instead of blocking") {
  ScratchDirectory dir("trustsim-json-document-fifo");
  const auto fifo = (dir.path / "scenario.json").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(read_input_bytes(fifo).empty());
}

TEST_CASE("a missing file and a directory are named") {
  ScratchDirectory dir("trustsim-json-document-files");
  const auto missing = (dir.path / "missing.json").string();
  CHECK(std::string(read_error_for(missing).what()) ==
        missing + ": cannot read: No such file or directory");
  CHECK(std::string(read_error_for(dir.path.string()).what()) ==
        dir.path.string() + ": is a directory, not an input file");
}

TEST_CASE("a file at the size limit is read whole") {
  ScratchDirectory dir("trustsim-json-document-size");
  const auto path = (dir.path / "big.json").string();
  { std::ofstream create(path); }
  std::filesystem::resize_file(path, max_input_bytes);  // sparse: costs no disk
  CHECK(read_input_bytes(path).size() == max_input_bytes);
  std::filesystem::resize_file(path, max_input_bytes + 1);
  CHECK_THAT(read_error_for(path).problem(), Catch::StartsWith("too large"));
}

TEST_CASE("a key given twice is refused by its pointer, not silently resolved") {
  auto error = parse_error_for(R"({"days": 30, "name": "x", "days": 40})");
  CHECK(std::string(error.what()) ==
        "input.json: /days: key given twice (JSON keeps only one of the values: remove the other)");

  error = parse_error_for(
      R"({"system": {"teams": [{"name": "a"}, {"name": "b", "site": "s", "name": "c"}]}})");
  CHECK(error.pointer() == "/system/teams/1/name");

  error = parse_error_for(R"({"a": [[1, 2], [3, {"x~/y": 1, "x~/y": 2}]]})");
  CHECK(error.pointer() == "/a/1/1/x~0~1y");

  // The same key in different objects is no duplicate.
  CHECK(parse_json_document(R"([{"a": 1}, {"a": 2}, {"b": {"a": 3}}])", "input.json").size() == 3);
}

TEST_CASE("a document keeps its keys in the order written, and every value") {
  const auto document = parse_json_document(
      R"({"zeta": 1, "alpha": {"y": [true, null, "s"], "x": -2}, "mid": 1.5})", "input.json");
  std::vector<std::string> keys;
  for (const auto& item : document.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"zeta", "alpha", "mid"});
  CHECK(document.dump() == R"({"zeta":1,"alpha":{"y":[true,null,"s"],"x":-2},"mid":1.5})");
}

TEST_CASE("binary data is told from a syntax error where the parser stops") {
  // Ill-formed UTF-8 inside a string: the byte that starts the sequence.
  auto error = parse_error_for("{\"site\": \"Nord-\xE9st\"}");
  CHECK(std::string(error.what()) == "input.json: not a text file (binary data at byte 15)");
  // A control character outside a string.
  error = parse_error_for(std::string("{\"a\": 1,\n\x01}"));
  CHECK(std::string(error.what()) == "input.json: not a text file (binary data at byte 9)");
  // Text that is not JSON stays a syntax error at its line and column.
  error = parse_error_for("{\"a\": \xC3\xA9}");
  CHECK(error.where() == "input.json:1:7");
}
