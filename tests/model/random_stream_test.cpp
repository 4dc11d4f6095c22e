#include <catch2/catch.hpp>

#include "model/random_stream.hpp"

#include <type_traits>

using trustsim::Day;
using trustsim::Purpose;
using trustsim::RandomStream;
using trustsim::StreamPurpose;
using trustsim::Subject;

// The day and the subject of an address are two types: swapped, or given
// as bare numbers, they do not compile.
static_assert(std::is_constructible_v<RandomStream, std::uint64_t, Purpose, Day, Subject>);
static_assert(!std::is_constructible_v<RandomStream, std::uint64_t, Purpose, Subject, Day>);
static_assert(
    !std::is_constructible_v<RandomStream, std::uint64_t, Purpose, std::uint32_t, std::uint32_t>);
static_assert(!std::is_convertible_v<std::uint32_t, Day>);
static_assert(!std::is_convertible_v<Day, Subject>);

TEST_CASE("a purpose taken outside the model is the same address as its number", "[random]") {
  // sim/sweep/ draws with 13, which was the model's sweep_design_sample:
  // its streams, and so every sampled design, are unchanged.
  RandomStream model(42, static_cast<Purpose>(13), Day(0), Subject(5));
  RandomStream outside(42, StreamPurpose::outside_the_model(13), Day(0), Subject(5));
  for (int k = 0; k < 20; ++k) REQUIRE(model() == outside());
}

TEST_CASE("a stream is fixed by its address alone", "[random]") {
  RandomStream a(42, Purpose::issue, Day(7), Subject(3));
  RandomStream unrelated(42, Purpose::issue, Day(8), Subject(3));
  for (int k = 0; k < 11; ++k) unrelated();  // drawing elsewhere changes nothing
  RandomStream b(42, Purpose::issue, Day(7), Subject(3));
  for (int k = 0; k < 100; ++k) REQUIRE(a() == b());
}

TEST_CASE("streams at different addresses differ", "[random]") {
  auto first = [](RandomStream s) { return s(); };
  const auto base = first(RandomStream(42, Purpose::issue, Day(7), Subject(3)));
  CHECK(first(RandomStream(43, Purpose::issue, Day(7), Subject(3))) != base);
  CHECK(first(RandomStream(42, Purpose::meeting, Day(7), Subject(3))) != base);
  CHECK(first(RandomStream(42, Purpose::issue, Day(8), Subject(3))) != base);
  CHECK(first(RandomStream(42, Purpose::issue, Day(7), Subject(4))) != base);
  CHECK(first(RandomStream(42ull | (1ull << 40), Purpose::issue, Day(7), Subject(3))) != base);
}

TEST_CASE("uniform draws fill the half-open unit interval evenly", "[random]") {
  RandomStream s(1, Purpose::roster, Day(0), Subject(0));
  const int n = 100000;
  double sum = 0.0;
  int low = 0;
  for (int k = 0; k < n; ++k) {
    const double u = s.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    low += u < 0.25;
  }
  CHECK(sum / n == Approx(0.5).margin(0.005));           // sd of the mean ~0.0009
  CHECK(low / double(n) == Approx(0.25).margin(0.006));  // sd ~0.0014
}

TEST_CASE("chance honours certain and impossible events", "[random]") {
  RandomStream s(1, Purpose::roster, Day(0), Subject(0));
  for (int k = 0; k < 1000; ++k) {
    REQUIRE_FALSE(s.chance(0.0));
    REQUIRE(s.chance(1.0));
  }
  CHECK(s.poisson(0.0) == 0);
}
