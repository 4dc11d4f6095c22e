#include "runner/cancellation.hpp"

#include <unistd.h>

#include <csignal>
#include <cstring>

namespace trustsim {

namespace {

std::atomic<bool> cancel_requested{false};
volatile std::sig_atomic_t first_signal = 0;
// A fixed buffer: the handler may only call async-signal-safe functions
// (unlink, _exit) and must not touch std::string.
char cleanup_path[4096] = {0};
// Every signal whose default action would end the process and leave its
// temporary file behind: Ctrl-C, kill, a closed terminal (HUP), Ctrl-backslash
// (QUIT), a reader of stderr gone away (PIPE).
constexpr int handled_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
constexpr std::size_t handled_count = sizeof handled_signals / sizeof handled_signals[0];
struct sigaction previous[handled_count] = {};

static_assert(std::atomic<bool>::is_always_lock_free, "the cancel flag is set in a signal handler");

extern "C" void on_signal(int signal) {
  if (cancel_requested.load()) {
    if (cleanup_path[0] != '\0') ::unlink(cleanup_path);
    ::_exit(128 + signal);
  }
  first_signal = signal;
  cancel_requested.store(true);
}

}  // namespace

CancelOnSignal::CancelOnSignal() {
  cancel_requested.store(false);
  first_signal = 0;
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  for (std::size_t i = 0; i < handled_count; ++i)
    sigaction(handled_signals[i], &action, &previous[i]);
}

CancelOnSignal::~CancelOnSignal() {
  for (std::size_t i = 0; i < handled_count; ++i)
    sigaction(handled_signals[i], &previous[i], nullptr);
  cleanup_path[0] = '\0';
}

const std::atomic<bool>& CancelOnSignal::flag() const { return cancel_requested; }

int CancelOnSignal::signal_number() const { return first_signal; }

void CancelOnSignal::set_emergency_cleanup(const std::string& path) {
  cleanup_path[0] = '\0';  // never half a path visible to the handler
  if (path.empty() || path.size() >= sizeof cleanup_path) return;
  // All but the first byte (with the terminating NUL), then the first byte.
  std::memcpy(cleanup_path + 1, path.c_str() + 1, path.size());
  cleanup_path[0] = path[0];
}

}  // namespace trustsim
