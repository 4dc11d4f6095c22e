#include "scenario/json_document.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <set>
#include <vector>

#include "scenario/scenario_error.hpp"

namespace trustsim {

namespace {

// Closes a file descriptor on every way out.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

[[noreturn]] void cannot_read(const std::string& path) {
  throw ScenarioError(path, "", std::string("cannot read: ") + std::strerror(errno));
}

// The offset of the first byte that cannot be in a UTF-8 text file, or npos.
std::size_t first_binary_byte(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) return i;
    std::size_t continuation = 0;
    if (c < 0x80)
      continuation = 0;
    else if ((c & 0xE0) == 0xC0 && c >= 0xC2)
      continuation = 1;
    else if ((c & 0xF0) == 0xE0)
      continuation = 2;
    else if ((c & 0xF8) == 0xF0 && c <= 0xF4)
      continuation = 3;
    else
      return i;
    for (std::size_t k = 1; k <= continuation; ++k)
      if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80)
        return i;
    i += continuation + 1;
  }
  return std::string::npos;
}

// The offset of the first '[' or '{' (outside strings) that opens a level
// deeper than max_input_depth. Checked before parsing so that a file of a
// million '[' costs one pass over its bytes, not a million-level document.
std::optional<std::size_t> too_deep_at(const std::string& text) {
  std::size_t depth = 0;
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_input_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

// nlohmann's explanation without its "[json.exception.parse_error.101]
// parse error at line L, column C: " prefix: the position is given our way.
std::string explanation(const std::string& what) {
  if (auto at = what.find("parse error"); at != std::string::npos)
    if (auto colon = what.find(": ", at); colon != std::string::npos) return what.substr(colon + 2);
  if (auto end = what.find("] "); end != std::string::npos) return what.substr(end + 2);
  return what;
}

// Builds the document with nlohmann's own DOM builder, and adds what that
// builder lacks: the byte position of every error (nlohmann's exceptions
// lose it for numbers out of range, 1e999), and duplicate keys, which
// nlohmann resolves silently by keeping the last value. In a hand-edited
// file a key given twice means an edit to one copy that the other undoes.
class CheckedBuilder {
 public:
  explicit CheckedBuilder(Json& result) : dom_(result, false) {}

  bool null() { return value_begins() && dom_.null(); }
  bool boolean(bool value) { return value_begins() && dom_.boolean(value); }
  bool number_integer(Json::number_integer_t value) {
    return value_begins() && dom_.number_integer(value);
  }
  bool number_unsigned(Json::number_unsigned_t value) {
    return value_begins() && dom_.number_unsigned(value);
  }
  bool number_float(Json::number_float_t value, const Json::string_t& text) {
    return value_begins() && dom_.number_float(value, text);
  }
  bool string(Json::string_t& value) { return value_begins() && dom_.string(value); }
  bool binary(Json::binary_t& value) { return value_begins() && dom_.binary(value); }
  bool start_object(std::size_t size) {
    if (!value_begins()) return false;
    levels_.push_back(Level{true, {}, {}, 0});
    return dom_.start_object(size);
  }
  bool key(Json::string_t& name) {
    Level& object = levels_.back();
    if (!object.keys.insert(name).second) {
      duplicate_pointer = child_pointer(pointer(levels_.size() - 1), name);
      return false;
    }
    object.key = name;
    return dom_.key(name);
  }
  bool end_object() {
    levels_.pop_back();
    return dom_.end_object();
  }
  bool start_array(std::size_t size) {
    if (!value_begins()) return false;
    levels_.push_back(Level{false, {}, {}, 0});
    return dom_.start_array(size);
  }
  bool end_array() {
    levels_.pop_back();
    return dom_.end_array();
  }

  template <class Exception>
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const Exception& error) {
    error_position = position;
    error_text = explanation(error.what());
    return false;
  }

  std::size_t error_position = 0;  // nlohmann's: bytes read up to the error
  std::string error_text;
  std::string duplicate_pointer;  // set when a key is given twice

 private:
  // An object or array being read; at most max_input_depth of them.
  struct Level {
    bool object;
    std::set<std::string> keys;  // object: the keys so far
    std::string key;             // object: the key whose value is being read
    std::size_t count;           // array: values so far
  };

  // Counts the new value as the next entry of an enclosing array.
  bool value_begins() {
    if (!levels_.empty() && !levels_.back().object) ++levels_.back().count;
    return true;
  }

  // The JSON pointer of the value being read in the first `depth` levels.
  std::string pointer(std::size_t depth) const {
    std::string text;
    for (std::size_t i = 0; i < depth; ++i)
      text = levels_[i].object ? child_pointer(text, levels_[i].key)
                               : child_pointer(text, levels_[i].count - 1);
    return text;
  }

  std::vector<Level> levels_;
  nlohmann::detail::json_sax_dom_parser<Json> dom_;
};

}  // namespace

std::string read_input_bytes(const std::string& path) {
  // O_NONBLOCK only for open(): a FIFO with no writer opens at once and then
  // reads as empty instead of waiting forever.
  Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (file.fd < 0) cannot_read(path);
  struct stat status {};
  if (::fstat(file.fd, &status) != 0) cannot_read(path);
  if (S_ISDIR(status.st_mode)) throw ScenarioError(path, "", "is a directory, not an input file");
  const int flags = ::fcntl(file.fd, F_GETFL);
  if (flags < 0 || ::fcntl(file.fd, F_SETFL, flags & ~O_NONBLOCK) != 0) cannot_read(path);

  // Read one byte past the limit to tell "at the limit" from "beyond it",
  // whatever the file says its size is (/dev/zero says 0 and never ends).
  std::string bytes;
  char buffer[1 << 16];
  while (bytes.size() <= max_input_bytes) {
    const ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) cannot_read(path);
    if (n == 0) return bytes;
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  throw ScenarioError(
      path, "",
      "too large for an input file (more than " + std::to_string(max_input_bytes >> 20) + " MiB)");
}

std::string text_position(const std::string& source, const std::string& text, std::size_t offset) {
  // An error at the end of input is shown on the last byte, not past it.
  if (offset >= text.size()) offset = text.empty() ? 0 : text.size() - 1;
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return source + ":" + std::to_string(line) + ":" + std::to_string(offset - line_start + 1);
}

Json parse_json_document(const std::string& text, const std::string& source) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw ScenarioError(source, "", "empty file (expected a JSON object)");
  if (auto at = first_binary_byte(text); at != std::string::npos)
    throw ScenarioError(source, "",
                        "not a text file (binary data at byte " + std::to_string(at) + ")");
  if (auto at = too_deep_at(text))
    throw ScenarioError(text_position(source, text, *at), "",
                        "nested more than " + std::to_string(max_input_depth) +
                            " levels deep (not a trustsim input)");
  Json document;
  CheckedBuilder builder(document);
  if (!Json::sax_parse(text, &builder)) {
    if (!builder.duplicate_pointer.empty())
      throw ScenarioError(source, builder.duplicate_pointer,
                          "key given twice (JSON keeps only one of the values: remove the other)");
    // nlohmann counts the bytes read, so the offending byte is the last one.
    const std::size_t offset = builder.error_position > 0 ? builder.error_position - 1 : 0;
    throw ScenarioError(text_position(source, text, offset), "", builder.error_text);
  }
  return document;
}

}  // namespace trustsim
