// Progress of a long invocation on stderr: runs and days done, the rate, and
// the time left. Silent for the first second (short runs print nothing). On
// a terminal one line is redrawn in place; otherwise (a log file, a batch
// job) a plain line is written every `log_interval`.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <thread>

namespace trustsim {

class ProgressReport {
 public:
  struct Options {
    bool enabled = true;
    bool live = false;  // redraw one line (a terminal)
    std::chrono::milliseconds quiet_start{1000};
    std::chrono::milliseconds live_interval{250};
    std::chrono::milliseconds log_interval{10000};
  };

  ProgressReport(std::int64_t total_runs, std::int64_t total_days, std::ostream& out,
                 Options options);
  ~ProgressReport();  // stops the reporting thread (finish() if not yet called)
  ProgressReport(const ProgressReport&) = delete;
  ProgressReport& operator=(const ProgressReport&) = delete;

  // Cheap and thread-safe: called from the runs' worker threads.
  void day_done() { days_done_.fetch_add(1, std::memory_order_relaxed); }
  void run_done() { runs_done_.fetch_add(1, std::memory_order_relaxed); }

  // Stops reporting; ends the live line if one was drawn.
  void finish();

  // The bar drawn before the line on a terminal: "[#######.........]",
  // filled by the share of days done.
  static std::string bar(std::int64_t done, std::int64_t total, int width = 24);

  // The text of one report, e.g. "runs 3/10, days 1560/5200 (30%), 1234
  // days/s, ETA 0:03".
  static std::string line(std::int64_t runs_done, std::int64_t total_runs, std::int64_t days_done,
                          std::int64_t total_days, double seconds);

 private:
  void report_loop(std::stop_token stop);

  std::int64_t total_runs_;
  std::int64_t total_days_;
  std::ostream& out_;
  Options options_;
  std::atomic<std::int64_t> runs_done_{0};
  std::atomic<std::int64_t> days_done_{0};
  std::chrono::steady_clock::time_point start_;
  bool printed_ = false;  // written by the reporter thread, read after it joins
  std::jthread reporter_;
};

// Whether stderr is a terminal (for ProgressReport::Options::live).
bool stderr_is_terminal();

}  // namespace trustsim
