#include <catch2/catch.hpp>
#include <csignal>

#include "model/day.hpp"
#include "model/fixtures.hpp"
#include "model/simulation.hpp"
#include "runner/cancellation.hpp"

using namespace trustsim;

TEST_CASE("SIGTERM raises the cancel flag and sets the exit code") {
  CancelOnSignal cancel;
  CHECK_FALSE(cancel.requested());
  std::raise(SIGTERM);
  CHECK(cancel.requested());
  CHECK(cancel.signal_number() == SIGTERM);
  CHECK(cancel.exit_code() == 143);
}

TEST_CASE("SIGINT exits with 130") {
  CancelOnSignal cancel;
  std::raise(SIGINT);
  CHECK(cancel.exit_code() == 130);
}

// Cancellation within a day (issue 17, item 7): a large team's day once
// took minutes, and the flag was read only between days.
TEST_CASE("a raised flag stops a day between its phases, a lowered one changes nothing") {
  Parameters p = test::two_teams(5);
  p.days = 3;
  World cancelled(p, 3);
  const std::atomic<bool> raised{true};
  CHECK_THROWS_AS(run_day(cancelled, 0, &raised), Cancelled);

  World with_flag(p, 3), without(p, 3);
  const std::atomic<bool> lowered{false};
  for (int day = 0; day < p.days; ++day) {
    const DayResult a = run_day(with_flag, day, &lowered);
    const DayResult b = run_day(without, day);
    CHECK(a.trust.within == b.trust.within);
    CHECK(a.trust.between == b.trust.between);
    CHECK(a.trust_updates == b.trust_updates);
  }
}
