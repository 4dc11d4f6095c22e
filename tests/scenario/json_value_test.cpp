#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "scenario/json_value.hpp"
#include "scenario/scenario_error.hpp"

using namespace trustsim;

namespace {
std::string problem_of(const std::function<void()>& read) {
  try {
    read();
  } catch (const InvalidValue& error) {
    return error.pointer + ": " + error.problem;
  }
  return "accepted";
}
}  // namespace

TEST_CASE("ranges print as intervals and include their ends unless open") {
  CHECK(Range{0, 1}.text() == "[0, 1]");
  CHECK(Range{0, 24, true}.text() == "(0, 24]");
  CHECK(Range{0, 1}.contains(0.0));
  CHECK(Range{0, 1}.contains(1.0));
  CHECK_FALSE(Range{0, 1, true}.contains(0.0));
}

TEST_CASE("reals must be finite numbers within range") {
  const Range unit{0, 1};
  CHECK(read_real(Json(0.25), "/p", unit) == 0.25);
  CHECK(read_real(Json(1), "/p", unit) == 1.0);
  CHECK(problem_of([&] { read_real(Json("0.2"), "/p", unit); }) ==
        "/p: must be a number in [0, 1], got the string \"0.2\"");
  CHECK(problem_of([&] { read_real(Json(std::nan("")), "/p", unit); }) ==
        "/p: must be a finite number, got null");
  CHECK(problem_of([&] {
          read_real(Json(std::numeric_limits<double>::infinity()), "/p", Range{0, 1e300});
        }).find("/p: must be a finite number") == 0);
  CHECK(problem_of([&] { read_real(Json(-0.1), "/p", unit); }) ==
        "/p: must be in [0, 1], got -0.1");
}

TEST_CASE("integers accept integral numbers only") {
  const Range counts{1, 100};
  CHECK(read_integer(Json(7), "/n", counts) == 7);
  CHECK(read_integer(Json(7.0), "/n", counts) == 7);
  CHECK(problem_of([&] { read_integer(Json(7.5), "/n", counts); }) ==
        "/n: must be an integer in [1, 100], got 7.5");
  CHECK(problem_of([&] { read_integer(Json(0), "/n", counts); }) ==
        "/n: must be an integer in [1, 100], got 0");
  CHECK(problem_of([&] { read_integer(Json(true), "/n", counts); }) ==
        "/n: must be an integer in [1, 100], got true");
}

TEST_CASE("seeds use the whole unsigned 64-bit range and nothing else") {
  CHECK(read_unsigned64(Json(18446744073709551615ULL), "/seed") == 18446744073709551615ULL);
  CHECK(read_unsigned64(Json(0), "/seed") == 0);
  CHECK(problem_of([] { read_unsigned64(Json(-1), "/seed"); }).find("/seed: must be an integer") ==
        0);
  CHECK(problem_of([] { read_unsigned64(Json(1.5), "/seed"); }) != "accepted");
}

TEST_CASE("choices list the allowed values and suggest the nearest") {
  const std::vector<std::string> regimes = {"online", "face_to_face", "hybrid"};
  CHECK(read_choice(Json("hybrid"), "/r", regimes) == 2);
  CHECK(problem_of([&] { read_choice(Json("face-to-face"), "/r", regimes); }) ==
        "/r: must be one of online, face_to_face, hybrid, got the string \"face-to-face\"; did "
        "you mean \"face_to_face\"?");
}

TEST_CASE("text and booleans are typed") {
  CHECK(read_text(Json("north"), "/site", true) == "north");
  CHECK(problem_of([] { read_text(Json(""), "/site", true); }) == "/site: must not be empty");
  CHECK(read_text(Json(""), "/site", false).empty());
  CHECK(read_boolean(Json(false), "/on") == false);
  CHECK(problem_of([] { read_boolean(Json("yes"), "/on"); }) ==
        "/on: must be true or false, got the string \"yes\"");
}

TEST_CASE("child pointers escape JSON-pointer syntax in keys") {
  CHECK(child_pointer("", "days") == "/days");
  CHECK(child_pointer("/a", "b/c") == "/a/b~1c");
  CHECK(child_pointer("/teams", std::size_t{3}) == "/teams/3");
}
