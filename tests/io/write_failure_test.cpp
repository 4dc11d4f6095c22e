// Writing that fails part way (a full disk, a file size limit) is an error
// that says what the system said, and leaves nothing under the final name.
#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <csignal>

#include "io/result_writer.hpp"
#include "io_fixtures.hpp"

using namespace trustsim;
using trustsim::testing::ScratchDirectory;
using trustsim::testing::tiny_layout;
using trustsim::testing::tiny_provenance;
using trustsim::testing::tiny_result;

namespace {

// `ulimit -f` for this process, with SIGXFSZ ignored as trustsim's main
// ignores it, so that a write past the limit fails with EFBIG.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &previous_) == 0);
    previous_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = previous_;
    limited.rlim_cur = bytes;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &limited) == 0);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &previous_);
    std::signal(SIGXFSZ, previous_handler_);
  }

 private:
  rlimit previous_{};
  void (*previous_handler_)(int) = SIG_DFL;
};

// A run long enough that a few of them outgrow the limit even compressed.
RunResult long_run() {
  RunResult result = tiny_result();
  result.days = 4000;
  for (std::size_t m = 0; m < daily_count; ++m) {
    result.daily[m].resize(static_cast<std::size_t>(result.days));
    for (std::size_t d = 0; d < result.daily[m].size(); ++d)
      result.daily[m][d] = std::sin(static_cast<double>(d * (m + 3)));
  }
  return result;
}

}  // namespace

TEST_CASE("a file size limit hit while writing is reported with its cause and leaves no file") {
  hdf5::silence_library_errors();  // as trustsim's main does: the message is ours
  ScratchDirectory dir("write-failure");
  const auto final_path = dir.path / "out.h5";
  const RunResult run = long_run();
  std::string message;
  {
    FileSizeLimit limit(256 * 1024);
    try {
      OutputFile file(final_path, false);
      ResultWriter writer(file, tiny_provenance(), tiny_layout());
      for (int i = 0; i < 20; ++i) writer.write_run(RunRecord{i, "baseline", i, 7u, "{}", {}}, run);
      writer.finish();
      file.commit();
    } catch (const hdf5::Error& error) {
      message = error.what();
    }
  }
  CHECK_THAT(message, Catch::StartsWith("HDF5: cannot "));
  CHECK_THAT(message, Catch::EndsWith("(File too large)"));
  CHECK_FALSE(std::filesystem::exists(final_path));
  CHECK(std::filesystem::is_empty(dir.path));  // the temporary file is gone too
}

TEST_CASE("the same writes within the limit succeed") {
  // The limit above is what fails, not the data: without it the file is made.
  ScratchDirectory dir("write-failure-control");
  const auto final_path = dir.path / "out.h5";
  const RunResult run = long_run();
  OutputFile file(final_path, false);
  ResultWriter writer(file, tiny_provenance(), tiny_layout());
  for (int i = 0; i < 20; ++i) writer.write_run(RunRecord{i, "baseline", i, 7u, "{}", {}}, run);
  writer.finish();
  file.commit();
  CHECK(std::filesystem::file_size(final_path) > 256 * 1024);
}

TEST_CASE("copying runs past a file size limit is reported, not a crash, and leaves no file") {
  // H5Ocopy crashes HDF5 1.10 when a write inside it fails: the copies are
  // made in a child process, whose crash is reported as a failed write.
  hdf5::silence_library_errors();
  ScratchDirectory dir("write-failure-copy");
  const auto part = dir.path / "part.h5";
  const RunResult run = long_run();
  std::vector<RunCopy> copies;
  {
    OutputFile file(part, false);
    ResultWriter writer(file, tiny_provenance(), tiny_layout());
    for (int i = 0; i < 20; ++i) {
      writer.write_run(RunRecord{i, "baseline", i, 7u, "{}", {}}, run);
      copies.push_back(
          RunCopy{part, i, RunRecord{i, "baseline", i, 7u, "", {}}, {}, false, std::nullopt});
    }
    writer.finish();
    file.commit();
  }
  REQUIRE(std::filesystem::file_size(part) > 2 * 256 * 1024);
  const auto final_path = dir.path / "out.h5";
  std::string message;
  {
    FileSizeLimit limit(256 * 1024);
    try {
      OutputFile file(final_path, false);
      ResultWriter writer(file, tiny_provenance(), tiny_layout());
      writer.copy_runs(copies);
      writer.finish();
      file.commit();
    } catch (const hdf5::Error& error) {
      message = error.what();
    }
  }
  // The system's reason, whether HDF5 reported the failed write or crashed on it.
  CHECK_THAT(message, Catch::StartsWith("HDF5: cannot ") && Catch::Contains("(File too large"));
  CHECK_FALSE(std::filesystem::exists(final_path));
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path),
                      std::filesystem::directory_iterator()) == 1);  // the part alone
  // Without the limit the same copies make the file.
  OutputFile file(final_path, false);
  ResultWriter writer(file, tiny_provenance(), tiny_layout());
  writer.copy_runs(copies);
  writer.finish();
  file.commit();
  CHECK(std::filesystem::file_size(final_path) > 256 * 1024);
}

TEST_CASE("an output that cannot fit is refused before anything is written") {
  ScratchDirectory dir("write-failure-room");
  const auto final_path = dir.path / "out.h5";
  {
    FileSizeLimit limit(256 * 1024);
    CHECK_NOTHROW(refuse_if_no_room(final_path, 100 * 1024));
    CHECK_THROWS_WITH(refuse_if_no_room(final_path, 3 << 20),
                      final_path.string() +
                          ": the output would be about 3 MB, more than the file size limit "
                          "(ulimit -f) of 256 kB; no output written");
  }
  // More than any file system here has free.
  CHECK_THROWS_WITH(refuse_if_no_room(final_path, std::uintmax_t{1} << 62),
                    Catch::Contains("are free on its file system; no output written"));
  CHECK(std::filesystem::is_empty(dir.path));
}
