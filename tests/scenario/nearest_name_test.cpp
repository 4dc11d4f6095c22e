#include <catch2/catch.hpp>

#include "scenario/nearest_name.hpp"

using namespace trustsim;

TEST_CASE("edit distance counts single-character edits") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("days", "days") == 0);
  CHECK(edit_distance("dayz", "days") == 1);
  CHECK(edit_distance("dys", "days") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("the nearest name is suggested only when it is a plausible typo") {
  const std::vector<std::string> names = {"stranger_baseline", "informal_gain", "meeting_gain"};
  CHECK(nearest_name("stranger_baselin", names) == "stranger_baseline");
  CHECK(nearest_name("meetng_gain", names) == "meeting_gain");
  CHECK_FALSE(nearest_name("colour", names).has_value());
  CHECK_FALSE(nearest_name("x", {}).has_value());
}
