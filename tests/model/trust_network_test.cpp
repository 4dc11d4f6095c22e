#include <tbb/global_control.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

#include "model/trust_network.hpp"

using namespace trustsim;

namespace {
const auto constant_baseline = [](StaffId, StaffId) { return 0.3; };
const auto first_generation = [](StaffId) { return std::uint32_t{0}; };
}  // namespace

TEST_CASE("excess over baseline halves every half-life exactly", "[trust][decay]") {
  TrustNetwork net(2, 30.0, 200, 0.0);
  net.set_excess(0, 1, 0, 0.4, 10);
  CHECK(net.excess(0, 1, 0, 10) == Approx(0.4).epsilon(1e-7));
  CHECK(net.excess(0, 1, 0, 40) == Approx(0.2).epsilon(1e-7));
  CHECK(net.excess(0, 1, 0, 70) == Approx(0.1).epsilon(1e-7));
  CHECK(net.decay(30) == 0.5);
  CHECK(net.decay(60) == 0.25);
}

TEST_CASE("a stranger is at baseline and negative excess decays back up", "[trust][decay]") {
  TrustNetwork net(2, 10.0, 100, 0.0);
  CHECK(net.excess(0, 1, 0, 5) == 0.0);
  net.set_excess(0, 1, 0, -0.2, 0);
  CHECK(net.excess(0, 1, 0, 10) == Approx(-0.1).epsilon(1e-6));
}

TEST_CASE("informal gains saturate below one", "[trust][saturation]") {
  TrustNetwork net(2, 1e9, 10, 0.0);
  double previous = 0.3;
  for (int k = 0; k < 200; ++k) {
    net.apply({{0, 1, 0.2f, 0.0f}}, 0, constant_baseline, first_generation);
    const double t = 0.3 + net.excess(0, 1, 0, 0);
    REQUIRE(t <= 1.0);
    REQUIRE(t >= previous);
    previous = t;
  }
  CHECK(previous == Approx(1.0).margin(1e-6));
  // Each gain closes a fixed share of the gap to one.
  TrustNetwork fresh(2, 1e9, 10, 0.0);
  fresh.apply({{0, 1, 0.5f, 0.0f}}, 0, constant_baseline, first_generation);
  CHECK(0.3 + fresh.excess(0, 1, 0, 0) == Approx(0.65).epsilon(1e-6));
}

TEST_CASE("losses shrink trust toward zero and never below", "[trust]") {
  TrustNetwork net(2, 1e9, 10, 0.0);
  for (int k = 0; k < 100; ++k)
    net.apply({{0, 1, 0.0f, 0.5f}}, 0, constant_baseline, first_generation);
  const double t = 0.3 + net.excess(0, 1, 0, 0);
  CHECK(t >= 0.0);
  CHECK(t == Approx(0.0).margin(1e-6));
}

TEST_CASE("a tie to a slot's earlier holder counts for nothing", "[trust][newcomer]") {
  TrustNetwork net(2, 100.0, 100, 0.0);
  net.set_excess(0, 1, 0, 0.5, 0);
  CHECK(net.excess(0, 1, 1, 0) == 0.0);  // slot 1 now holds generation 1
  net.forget(1);
  CHECK(net.ties_of(1).empty());
}

TEST_CASE("pruning drops stale ties and ties decayed to baseline", "[trust]") {
  TrustNetwork net(3, 1.0, 100, 0.01);
  net.set_excess(0, 1, 0, 0.5, 0);   // will decay away
  net.set_excess(0, 2, 0, 0.5, 50);  // fresh, but slot 2 has a new holder
  std::vector<std::uint32_t> generation{0, 0, 1};
  net.prune(0, 50, generation);
  CHECK(net.ties_of(0).empty());
}

TEST_CASE("applying updates gives the same network for any thread count", "[trust][determinism]") {
  std::vector<TrustUpdate> updates;
  for (std::uint32_t k = 0; k < 20000; ++k)
    updates.push_back({k % 97, (k * 7919) % 101, 0.05f + 0.001f * static_cast<float>(k % 13),
                       (k % 5 == 0) ? 0.1f : 0.0f});
  auto run = [&](int threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads));
    TrustNetwork net(101, 20.0, 10, 0.0);
    net.apply(updates, 3, constant_baseline, first_generation);
    std::vector<float> values;
    for (StaffId i = 0; i < 101; ++i)
      for (const auto& tie : net.ties_of(i)) values.push_back(tie.excess);
    return values;
  };
  const auto one = run(1);
  CHECK(run(2) == one);
  CHECK(run(8) == one);
}

TEST_CASE("rows keep their ties and order however the arena is laid out", "[trust][layout]") {
  // The network against a plain list per row, through days of updates that
  // overflow rows, prunes that pull overflow back in, and fresh layouts.
  const std::size_t slots = 40;
  TrustNetwork net(slots, 30.0, 200, 0.02);
  std::vector<std::vector<TrustTie>> plain(slots);
  std::vector<std::uint32_t> generation(slots, 0);
  std::minstd_rand draw(7);  // any fixed sequence of updates will do
  for (int day = 0; day < 120; ++day) {
    std::vector<TrustUpdate> updates;
    for (int k = 0; k < 60; ++k) {
      const auto from = static_cast<StaffId>(draw() % slots),
                 to = static_cast<StaffId>(draw() % slots);
      if (from != to) updates.push_back({from, to, 0.2f, draw() % 11 == 0 ? 0.3f : 0.0f});
    }
    if (day % 30 == 29) generation[static_cast<std::size_t>(day) % slots] += 1;  // a newcomer
    net.apply(updates, day, constant_baseline, [&](StaffId b) { return generation[b]; });
    for (const auto& u : updates) {  // the same rule on plain lists
      auto& row = plain[u.from];
      auto tie = std::find_if(row.begin(), row.end(), [&](const TrustTie& t) {
        return t.to == u.to && t.to_generation == generation[u.to];
      });
      const double before =
          0.3 + (tie != row.end() ? tie->excess * net.decay(day - tie->day) : 0.0);
      const double after = std::clamp(before + u.gain * (1.0 - before) - u.loss * before, 0.0, 1.0);
      if (tie != row.end())
        *tie = {u.to, generation[u.to], static_cast<float>(after - 0.3), day};
      else
        row.push_back({u.to, generation[u.to], static_cast<float>(after - 0.3), day});
    }
    for (StaffId i = 0; i < slots; ++i) {
      net.prune(i, day, generation);
      std::erase_if(plain[i], [&](const TrustTie& t) {
        return t.to_generation != generation[t.to] ||
               std::abs(t.excess * net.decay(day - t.day)) < 0.02;
      });
    }
    net.tidy();
    for (StaffId i = 0; i < slots; ++i) {
      const auto row = net.ties_of(i);
      REQUIRE(row.size() == plain[i].size());
      for (std::size_t k = 0; k < row.size(); ++k) {
        CHECK(row[k].to == plain[i][k].to);
        CHECK(row[k].excess == plain[i][k].excess);
        CHECK(row[k].day == plain[i][k].day);
      }
    }
  }
}
