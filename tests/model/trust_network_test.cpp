#include <tbb/global_control.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
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

TEST_CASE("finding a tie passes by ties to a slot's earlier holders wherever they sit",
          "[trust][newcomer]") {
  // A row long enough for the scan's steps of four ties and its tail, with
  // a slot's holders in one step (7), in two steps (8) and in a step and the
  // tail (9); every other tie to a slot of its own.
  struct Stored {
    StaffId to;
    std::uint32_t generation;
  };
  std::vector<Stored> row;
  for (StaffId k = 0; k < 50; ++k) row.push_back({100 + k, 0});
  row[1] = {7, 0};
  row[2] = {7, 1};
  row[13] = {7, 2};
  row[17] = {8, 0};
  row[33] = {8, 1};
  row[20] = {9, 0};
  row[49] = {9, 3};
  TrustNetwork net(150, 100.0, 100, 0.0);
  const auto excess_at = [](std::size_t k) { return 0.01 * static_cast<double>(k + 1); };
  for (std::size_t k = 0; k < row.size(); ++k)
    net.set_excess(0, row[k].to, row[k].generation, excess_at(k), 0);
  net.tidy();  // into the arena, where the scan goes four at a time (overflow one by one)
  REQUIRE(net.ties_of(0).size() == row.size());
  for (std::size_t k = 0; k < row.size(); ++k)
    CHECK(net.excess(0, row[k].to, row[k].generation, 0) == Approx(excess_at(k)));
  CHECK(net.excess(0, 7, 3, 0) == 0.0);
  CHECK(net.excess(0, 9, 1, 0) == 0.0);
  CHECK(net.excess(0, 6, 0, 0) == 0.0);
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

TEST_CASE("updates applied over many rows at once or a few rows at a time end the same",
          "[trust][determinism]") {
  // Past one chunk of rows apply sorts the updates by row; within one it
  // takes them as given. Either way each row sees its updates in order.
  constexpr StaffId staff = 700;
  std::vector<TrustUpdate> updates;
  for (std::uint32_t k = 0; k < 30000; ++k)
    updates.push_back({(k * 31) % staff, (k * 7 + 13 * (k / staff)) % staff,
                       0.05f + 0.001f * static_cast<float>(k % 13), (k % 5 == 0) ? 0.1f : 0.0f});
  auto values_of = [](const TrustNetwork& net) {
    std::vector<float> values;
    for (StaffId i = 0; i < staff; ++i)
      for (const auto& tie : net.ties_of(i)) values.push_back(tie.excess);
    return values;
  };
  TrustNetwork all_at_once(staff, 20.0, 10, 0.0);
  all_at_once.apply(updates, 3, constant_baseline, first_generation);
  TrustNetwork few_rows(staff, 20.0, 10, 0.0);
  for (StaffId first = 0; first < staff; first += 50) {
    std::vector<TrustUpdate> these;
    std::copy_if(updates.begin(), updates.end(), std::back_inserter(these),
                 [&](const TrustUpdate& u) { return u.from >= first && u.from < first + 50; });
    few_rows.apply(these, 3, constant_baseline, first_generation);
  }
  CHECK(values_of(few_rows) == values_of(all_at_once));
  CHECK(values_of(all_at_once).size() > staff);
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

TEST_CASE(
    "running sums and the ties changed today equal a fresh scan, and prune on the days a "
    "daily scan does",
    "[trust][sums]") {
  // Two networks take the same updates: one measured through its running
  // sums (excess_today), the other pruned and scanned every day, as the
  // daily measurement used to be. A half-life of 3 days over 400 days
  // crosses the running sums' rebasing (every 180 days) twice; newcomers
  // change the standing; some ties are changed twice in a day. Rows must
  // stay identical, sums equal to rounding, the ties changed today the same.
  const std::size_t slots = 30;
  const double prune_below = 0.01;
  TrustNetwork running(slots, 3.0, 400, prune_below, 2);
  TrustNetwork scanned(slots, 3.0, 400, prune_below, 2);
  std::vector<std::uint32_t> generation(slots, 0);
  // Category 0: even targets; category 1: targets divisible by 3 (a tie may
  // count in both, or neither); targets 1 mod 7 are not in post (counted
  // nowhere), and the rest carry bit 31, beyond the categories, so that they
  // count among the ties changed today.
  auto categories = [](StaffId, StaffId to) {
    if (to % 7 == 1) return 0u;
    return (to % 2 == 0 ? 1u : 0u) | (to % 3 == 0 ? 2u : 0u) | (1u << 31);
  };
  auto baseline = [](StaffId from, StaffId to) { return 0.25 + 0.01 * ((from + to) % 5); };
  std::minstd_rand draw(11);
  std::vector<std::uint8_t> moved(slots, 0);
  std::size_t pruned_ties = 0, changed_twice = 0;
  double changed_ties = 0;
  for (int day = 0; day < 400; ++day) {
    std::vector<TrustUpdate> updates;
    for (int k = 0; k < 25; ++k) {
      const auto from = static_cast<StaffId>(draw() % slots),
                 to = static_cast<StaffId>(draw() % slots);
      if (from == to) continue;
      updates.push_back({from, to, 0.3f, draw() % 7 == 0 ? 0.4f : 0.0f});
      if (draw() % 4 == 0) {  // the same pair again today, e.g. a contact after a meeting
        updates.push_back({from, to, 0.1f, draw() % 2 == 0 ? 0.5f : 0.0f});
        ++changed_twice;
      }
    }
    std::fill(moved.begin(), moved.end(), 0);
    SlotFilter moved_slots;
    if (day % 45 == 44) {  // a newcomer: ties to the predecessor go stale
      generation[static_cast<std::size_t>(day) % slots] += 1;
      moved[static_cast<std::size_t>(day) % slots] = 1;
      moved_slots.add(static_cast<StaffId>(day % slots));
    }
    running.apply(
        updates, day, baseline, [&](StaffId b) { return generation[b]; }, categories);
    scanned.apply(updates, day, baseline, [&](StaffId b) { return generation[b]; });
    for (StaffId i = 0; i < slots; ++i) {
      double sums[2];
      const auto changed = running.excess_today(
          i, day, generation, moved_slots, [&](StaffId j) { return moved[j] != 0; },
          [&](StaffId to) { return categories(i, to); },
          [&](StaffId to) { return baseline(i, to); }, sums);
      const std::size_t before = scanned.ties_of(i).size();
      double expected[2] = {0.0, 0.0}, magnitude = 0.0, trust = 0.0, ties = 0.0;
      scanned.prune_and_visit(i, day, generation, [&](const TrustTie& tie, double excess) {
        const unsigned in = categories(i, tie.to);
        if (in & 1u) expected[0] += excess;
        if (in & 2u) expected[1] += excess;
        magnitude += std::abs(excess);
        if (in != 0 && tie.day == day) trust += baseline(i, tie.to) + excess, ties += 1;
      });
      pruned_ties += before - scanned.ties_of(i).size();
      for (int c = 0; c < 2; ++c)
        REQUIRE(sums[c] == Approx(expected[c]).margin(1e-12 * (1.0 + magnitude)));
      REQUIRE(changed.ties == ties);
      REQUIRE(changed.trust == Approx(trust).margin(1e-12 * (1.0 + ties)));
      changed_ties += ties;
      const auto a = running.ties_of(i), b = scanned.ties_of(i);
      REQUIRE(a.size() == b.size());
      for (std::size_t k = 0; k < a.size(); ++k) {
        REQUIRE(a[k].to == b[k].to);
        REQUIRE(a[k].excess == b[k].excess);
        REQUIRE(a[k].day == b[k].day);
      }
    }
  }
  CHECK(pruned_ties > 100);     // the test exercised pruning,
  CHECK(changed_twice > 1000);  // ties changed twice in a day
  CHECK(changed_ties > 5000);
}

TEST_CASE("a tie changed today counts once, at its trust after the day's last change",
          "[trust][sums]") {
  // Slot 0's ties to 1 (twice today), 2 (once) and 3 (not in post: nowhere).
  // `running` is measured the day before, so that today's changes reach it
  // through its running sums; `fresh` is first measured today, summed afresh.
  TrustNetwork running(4, 30.0, 20, 0.0, 1), fresh(4, 30.0, 20, 0.0, 1);
  const std::vector<std::uint32_t> generation(4, 0);
  auto categories = [](StaffId, StaffId to) { return to == 3 ? 0u : 1u; };
  auto baseline = [](StaffId, StaffId to) { return to == 2 ? 0.4 : 0.3; };
  auto generation_of = [&](StaffId b) { return generation[b]; };
  double sums[1];
  auto measure = [&](TrustNetwork& net, int day) {
    return net.excess_today(
        0, day, generation, SlotFilter{}, [](StaffId) { return false; },
        [&](StaffId to) { return categories(0, to); }, [&](StaffId to) { return baseline(0, to); },
        sums);
  };
  for (TrustNetwork* net : {&running, &fresh})
    net->apply({{0, 1, 0.5f, 0.0f}}, 4, baseline, generation_of, categories);
  CHECK(measure(running, 4).ties == 1);
  for (TrustNetwork* net : {&running, &fresh})
    net->apply({{0, 1, 0.5f, 0.0f}, {0, 2, 0.5f, 0.0f}, {0, 3, 0.5f, 0.0f}, {0, 1, 0.0f, 0.5f}}, 5,
               baseline, generation_of, categories);
  // T(0->1): 0.3 -> 0.65 on day 4, decays a day, then +0.5 (1 - T) and x0.5.
  const double t1_before = 0.3 + 0.35 * running.decay(1);
  const double t1 = (t1_before + 0.5 * (1.0 - t1_before)) * 0.5;
  const double t2 = 0.4 + 0.5 * 0.6;
  for (TrustNetwork* net : {&running, &fresh}) {
    const auto changed = measure(*net, 5);
    CHECK(changed.ties == 2);
    CHECK(changed.trust == Approx(t1 + t2).epsilon(1e-6));
    CHECK(measure(*net, 6).ties == 0);  // a new day: nothing changed yet
  }
}
