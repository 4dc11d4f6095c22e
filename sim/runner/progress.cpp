#include "runner/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <ostream>
#include <string>

namespace trustsim {

namespace {

std::string clock_text(double seconds) {
  const auto total = static_cast<long long>(seconds + 0.5);
  char text[32];
  if (total >= 3600)
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60,
                  total % 60);
  else
    std::snprintf(text, sizeof text, "%lld:%02lld", total / 60, total % 60);
  return text;
}

}  // namespace

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

std::string ProgressReport::line(std::int64_t runs_done, std::int64_t total_runs,
                                 std::int64_t days_done, std::int64_t total_days, double seconds) {
  const double rate = seconds > 0 ? static_cast<double>(days_done) / seconds : 0.0;
  const double share =
      total_days > 0 ? static_cast<double>(days_done) / static_cast<double>(total_days) : 0.0;
  std::string text = "runs " + std::to_string(runs_done) + "/" + std::to_string(total_runs) +
                     ", days " + std::to_string(days_done) + "/" + std::to_string(total_days) +
                     " (" + std::to_string(static_cast<int>(share * 100)) + "%), " +
                     std::to_string(static_cast<long long>(rate + 0.5)) + " days/s";
  if (rate > 0 && days_done < total_days)
    text += ", ETA " + clock_text(static_cast<double>(total_days - days_done) / rate);
  text += ", elapsed " + clock_text(seconds);
  return text;
}

std::string ProgressReport::bar(std::int64_t done, std::int64_t total, int width) {
  const double share =
      total > 0 ? std::min(1.0, static_cast<double>(done) / static_cast<double>(total)) : 0.0;
  const int filled = static_cast<int>(share * width);
  // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive)
  // on a chain of + that starts from a literal.
  std::string text = "[";
  text.append(static_cast<std::size_t>(filled), '#');
  text.append(static_cast<std::size_t>(width - filled), '.');
  text += ']';
  return text;
}

ProgressReport::ProgressReport(std::int64_t total_runs, std::int64_t total_days, std::ostream& out,
                               Options options)
    : total_runs_(total_runs),
      total_days_(total_days),
      out_(out),
      options_(options),
      start_(std::chrono::steady_clock::now()) {
  if (options_.enabled)
    reporter_ = std::jthread([this](std::stop_token stop) { report_loop(stop); });
}

ProgressReport::~ProgressReport() { finish(); }

void ProgressReport::report_loop(std::stop_token stop) {
  std::mutex mutex;
  std::condition_variable_any wake;
  std::unique_lock lock(mutex);
  if (wake.wait_for(lock, stop, options_.quiet_start, [] { return false; })) return;
  auto next_log = std::chrono::steady_clock::now();
  while (!stop.stop_requested()) {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const std::string text =
        line(runs_done_.load(), total_runs_, days_done_.load(), total_days_, seconds);
    if (options_.live) {
      // erase what a longer line left
      out_ << '\r' << bar(days_done_.load(), total_days_) << ' ' << text << "\x1b[K" << std::flush;
      printed_ = true;
    } else if (now >= next_log) {
      out_ << text << std::endl;
      next_log = now + options_.log_interval;
      printed_ = true;
    }
    wake.wait_for(lock, stop,
                  options_.live ? options_.live_interval : std::chrono::milliseconds(250),
                  [] { return false; });
  }
}

void ProgressReport::finish() {
  if (!reporter_.joinable()) return;
  reporter_.request_stop();
  reporter_.join();
  if (!printed_) return;  // a short invocation stays silent
  // The final state, so the last line a user sees says "done".
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const std::string text =
      line(runs_done_.load(), total_runs_, days_done_.load(), total_days_, seconds);
  if (options_.live)
    out_ << '\r' << bar(days_done_.load(), total_days_) << ' ' << text << "\x1b[K\n" << std::flush;
  else
    out_ << text << std::endl;
}

}  // namespace trustsim
