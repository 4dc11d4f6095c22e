#include <catch2/catch.hpp>
#include <csignal>

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
