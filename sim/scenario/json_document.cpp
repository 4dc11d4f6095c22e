#include "scenario/json_document.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
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

// Whether the byte at `offset` cannot be in a UTF-8 text file: a NUL or
// other control character, or a byte that starts no well-formed UTF-8
// sequence. Asked only where nlohmann's parser stopped, to tell a binary
// file from a syntax error in a text one.
bool binary_at(const std::string& text, std::size_t offset) {
  if (offset >= text.size()) return false;
  const auto c = static_cast<unsigned char>(text[offset]);
  if (c < 0x20) return c != '\t' && c != '\n' && c != '\r';
  if (c < 0x80) return false;
  std::size_t length = 0;
  if (c >= 0xC2 && c <= 0xDF)
    length = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    length = 3;
  else if (c >= 0xF0 && c <= 0xF4)
    length = 4;
  else
    return true;
  for (std::size_t k = 1; k < length; ++k)
    if (offset + k >= text.size() || (static_cast<unsigned char>(text[offset + k]) & 0xC0) != 0x80)
      return true;
  return false;
}

// The offset of the '[' or '{' (outside strings) that opens level
// max_input_depth + 1, or text.size() if none does.
std::size_t too_deep_at(const std::string& text) {
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
  return text.size();
}

// nlohmann's explanation without its "[json.exception.parse_error.101]
// parse error at line L, column C: " prefix: the position is given our way.
std::string explanation(const std::string& what) {
  if (auto at = what.find("parse error"); at != std::string::npos)
    if (auto colon = what.find(": ", at); colon != std::string::npos) return what.substr(colon + 2);
  if (auto end = what.find("] "); end != std::string::npos) return what.substr(end + 2);
  return what;
}

// Builds the document from nlohmann's SAX events (its public interface),
// and adds what nlohmann's own parse lacks: the byte position of every error
// (its exceptions lose it for numbers out of range, 1e999), a bound on
// nesting (so a file of a million '[' stops at the 65th, and every later
// recursive walk of a document stays shallow), and duplicate keys, which
// nlohmann resolves silently by keeping the last value. In a hand-edited
// file a key given twice means an edit to one copy that the other undoes.
class CheckedBuilder {
 public:
  bool null() { return add(Json(nullptr)); }
  bool boolean(bool value) { return add(Json(value)); }
  bool number_integer(Json::number_integer_t value) { return add(Json(value)); }
  bool number_unsigned(Json::number_unsigned_t value) { return add(Json(value)); }
  bool number_float(Json::number_float_t value, const Json::string_t& /*text*/) {
    return add(Json(value));
  }
  bool string(Json::string_t& value) { return add(Json(std::move(value))); }
  bool binary(Json::binary_t& /*value*/) { return false; }  // JSON text has none
  bool start_object(std::size_t /*size*/) { return open(Json::object()); }
  bool key(Json::string_t& name) {
    Level& object = levels_.back();
    if (!object.keys.insert(name).second) {
      duplicate_pointer = child_pointer(pointer(levels_.size() - 1), name);
      return false;
    }
    object.key = name;
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t /*size*/) { return open(Json::array()); }
  bool end_array() { return close(); }

  template <class Exception>
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const Exception& error) {
    error_position = position;
    error_text = explanation(error.what());
    return false;
  }

  Json document;
  std::size_t error_position = 0;  // nlohmann's: bytes read up to the error
  std::string error_text;
  std::string duplicate_pointer;  // set when a key is given twice
  bool too_deep = false;          // set when a value opens level max_input_depth + 1

 private:
  // An object or array being read; at most max_input_depth of them.
  struct Level {
    Json* value;
    std::set<std::string> keys;  // object: the keys so far
    std::string key;             // object: the key whose value is being read
  };

  // Puts `value` where the enclosing object or array expects its next entry
  // (the document itself at the top) and returns where it now lives. Only
  // the innermost open container grows, so the pointers of the levels stay
  // valid.
  Json* place(Json&& value) {
    if (levels_.empty()) {
      document = std::move(value);
      return &document;
    }
    Json& parent = *levels_.back().value;
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    // The key is new (checked in key()), so append without a lookup: a
    // large object stays linear to build.
    auto& entries = *parent.get_ptr<Json::object_t*>();
    entries.emplace_back(levels_.back().key, std::move(value));
    return &entries.back().second;
  }

  bool add(Json&& value) {
    place(std::move(value));
    return true;
  }

  bool open(Json&& container) {
    if (levels_.size() == max_input_depth) {
      too_deep = true;
      return false;
    }
    Json* placed = place(std::move(container));
    levels_.push_back(Level{placed, {}, {}});
    return true;
  }

  bool close() {
    levels_.pop_back();
    return true;
  }

  // The JSON pointer of the value being read in the first `depth` levels.
  std::string pointer(std::size_t depth) const {
    std::string text;
    for (std::size_t i = 0; i < depth; ++i)
      text = levels_[i].value->is_object() ? child_pointer(text, levels_[i].key)
                                           : child_pointer(text, levels_[i].value->size() - 1);
    return text;
  }

  std::vector<Level> levels_;
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
  CheckedBuilder builder;
  if (Json::sax_parse(text, &builder)) return std::move(builder.document);
  // Too deep is said first, as for a file whose syntax error lies deeper
  // than any input nests ({"a": {{{...): the builder stops at the level
  // past the limit, the scan (only of a file already refused) finds where.
  if (const std::size_t deep = too_deep_at(text); builder.too_deep || deep < text.size())
    throw ScenarioError(text_position(source, text, deep), "",
                        "nested more than " + std::to_string(max_input_depth) +
                            " levels deep (not a trustsim input)");
  if (!builder.duplicate_pointer.empty())
    throw ScenarioError(source, builder.duplicate_pointer,
                        "key given twice (JSON keeps only one of the values: remove the other)");
  // nlohmann counts the bytes read, so the offending byte is the last one;
  // for ill-formed UTF-8 it is the byte that did not continue a sequence, so
  // the binary byte is the one that started it.
  std::size_t offset = builder.error_position > 0 ? builder.error_position - 1 : 0;
  if (builder.error_text.find("UTF-8") != std::string::npos)
    for (std::size_t back = 0; back < 4 && offset > 0 && !binary_at(text, offset); ++back) --offset;
  if (binary_at(text, offset))
    throw ScenarioError(source, "",
                        "not a text file (binary data at byte " + std::to_string(offset) + ")");
  throw ScenarioError(text_position(source, text, offset), "", builder.error_text);
}

}  // namespace trustsim
