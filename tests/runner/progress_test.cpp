#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

#include "runner/progress.hpp"

using namespace trustsim;

TEST_CASE("a progress line says runs, days, rate and time left") {
  CHECK(ProgressReport::line(3, 10, 1560, 5200, 2.0) ==
        "runs 3/10, days 1560/5200 (30%), 780 days/s, ETA 0:05, elapsed 0:02");
  CHECK(ProgressReport::line(10, 10, 5200, 5200, 4000.0) ==
        "runs 10/10, days 5200/5200 (100%), 1 days/s, elapsed 1:06:40");
}

TEST_CASE("a short invocation prints no progress") {
  std::ostringstream out;
  {
    ProgressReport report(1, 10, out, ProgressReport::Options{});
    for (int d = 0; d < 10; ++d) report.day_done();
    report.run_done();
  }
  CHECK(out.str().empty());
}

TEST_CASE("a long invocation logs plain lines when not on a terminal") {
  std::ostringstream out;
  ProgressReport::Options options;
  options.quiet_start = std::chrono::milliseconds(0);
  options.log_interval = std::chrono::milliseconds(20);
  {
    ProgressReport report(2, 4, out, options);
    report.day_done();
    std::this_thread::sleep_for(std::chrono::milliseconds(120));
    for (int d = 0; d < 3; ++d) report.day_done();
    report.run_done();
    report.run_done();
    report.finish();
  }
  const std::string text = out.str();
  CHECK(text.find('\r') == std::string::npos);
  // At least one line while running (its counts depend on timing), then
  // the final state.
  CHECK_THAT(text, Catch::StartsWith("runs "));
  CHECK(std::count(text.begin(), text.end(), '\n') >= 2);
  CHECK_THAT(text, Catch::EndsWith("elapsed 0:00\n"));
  CHECK_THAT(text, Catch::Contains("runs 2/2, days 4/4 (100%)"));
}

TEST_CASE("the terminal bar fills with the share of days done", "[progress]") {
  CHECK(ProgressReport::bar(0, 100, 10) == "[..........]");
  CHECK(ProgressReport::bar(35, 100, 10) == "[###.......]");
  CHECK(ProgressReport::bar(100, 100, 10) == "[##########]");
  CHECK(ProgressReport::bar(5, 0, 4) == "[....]");  // nothing to do yet
}
