// Catch2's main for the micro-benchmarks, with one extra option: how many
// threads oneTBB may use. The default is one, so that kernel timings are
// comparable from run to run and with callgrind's instruction counts.
#define CATCH_CONFIG_RUNNER
#include <tbb/global_control.h>

#include <catch2/catch.hpp>

int main(int argc, char* argv[]) {
  Catch::Session session;
  int threads = 1;
  session.cli(session.cli() |
              Catch::clara::Opt(threads, "threads")["--threads"]("oneTBB threads (default 1)"));
  if (const int status = session.applyCommandLine(argc, argv); status != 0) return status;
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                                  static_cast<std::size_t>(threads < 1 ? 1 : threads));
  return session.run();
}
