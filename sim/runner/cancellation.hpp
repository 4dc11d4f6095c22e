// Ctrl-C and `kill` (SIGINT, SIGTERM; also SIGHUP, SIGQUIT and SIGPIPE,
// whose default action would leave the temporary file) ask the runs to
// stop: the handler only
// raises a flag that the model checks each day (RunControl::cancel), so the
// program unwinds normally, removes its temporary file and exits with
// 128 + the signal number. A second signal, for when the user will not wait,
// removes the registered temporary file and exits at once.
#pragma once

#include <atomic>
#include <string>

namespace trustsim {

class CancelOnSignal {
 public:
  CancelOnSignal();   // installs the handlers
  ~CancelOnSignal();  // restores the previous ones
  CancelOnSignal(const CancelOnSignal&) = delete;
  CancelOnSignal& operator=(const CancelOnSignal&) = delete;

  const std::atomic<bool>& flag() const;
  bool requested() const { return flag().load(); }
  int signal_number() const;  // the first signal received, 0 if none
  int exit_code() const { return 128 + signal_number(); }

  // The file a second signal removes before exiting (empty: none).
  static void set_emergency_cleanup(const std::string& path);
};

}  // namespace trustsim
