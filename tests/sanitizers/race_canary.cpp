// A data race on purpose, for the ThreadSanitizer build only: two chunks of a
// parallel loop increment one counter without synchronisation. ctest expects
// TSan to report it. If it ever stops being reported, tbb_happens_before.cpp
// declares more order than TBB provides and is hiding real races.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include <chrono>
#include <thread>

int main() {
  long counter = 0;
  tbb::parallel_for(
      tbb::blocked_range<int>(0, 2, 1),
      [&](const tbb::blocked_range<int>&) {
        ++counter;  // the race
        // Long enough for the second chunk to be stolen by another thread.
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      },
      tbb::simple_partitioner());
  return counter == 2 ? 0 : 1;
}
