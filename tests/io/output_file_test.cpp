// The output file exists under its final name only once it is complete.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "io/output_file.hpp"
#include "io_fixtures.hpp"

using namespace trustsim;
using trustsim::testing::ScratchDirectory;

TEST_CASE("an output file is written under a temporary name beside the final one") {
  ScratchDirectory dir("output-file");
  const auto final_path = dir.path / "out.h5";
  OutputFile file(final_path, false);
  CHECK(file.temporary_path() == final_path.string() + ".tmp-" + std::to_string(::getpid()));
  CHECK(std::filesystem::exists(file.temporary_path()));
  CHECK_FALSE(std::filesystem::exists(final_path));
  file.commit();
  CHECK(std::filesystem::exists(final_path));
  CHECK_FALSE(std::filesystem::exists(file.temporary_path()));
}

TEST_CASE("an uncommitted output file leaves nothing behind") {
  ScratchDirectory dir("output-file-abandon");
  const auto final_path = dir.path / "out.h5";
  std::filesystem::path temporary;
  try {
    OutputFile file(final_path, false);
    temporary = file.temporary_path();
    throw std::runtime_error("a run failed");
  } catch (const std::runtime_error&) {
  }
  CHECK_FALSE(std::filesystem::exists(final_path));
  CHECK_FALSE(std::filesystem::exists(temporary));
  CHECK(std::filesystem::is_empty(dir.path));
}

TEST_CASE("an existing file is refused unless overwriting is asked for") {
  ScratchDirectory dir("output-file-existing");
  const auto final_path = dir.path / "out.h5";
  std::ofstream(final_path) << "precious";
  CHECK_THROWS_WITH(OutputFile(final_path, false),
                    final_path.string() + ": already exists (use --force to overwrite it)");
  {
    std::ifstream in(final_path);
    std::string text;
    in >> text;
    CHECK(text == "precious");
  }
  OutputFile file(final_path, true);
  file.commit();
  CHECK(std::filesystem::file_size(final_path) > 8);  // now an HDF5 file
}

TEST_CASE("missing directories of the output path are created") {
  ScratchDirectory dir("output-file-dirs");
  const auto final_path = dir.path / "results" / "deep" / "out.h5";
  OutputFile file(final_path, false);
  file.commit();
  CHECK(std::filesystem::exists(final_path));
}

TEST_CASE("a directory is not an output file") {
  ScratchDirectory dir("output-file-dir");
  CHECK_THROWS_AS(refuse_existing_output(dir.path, true), FileError);
}

TEST_CASE("forcing replaces an earlier result, never a device or a FIFO") {
  // Renaming over /dev/null as root replaced the device with an HDF5 file.
  ScratchDirectory dir("output-file-fifo");
  const auto fifo = dir.path / "out.h5";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_WITH(OutputFile(fifo, true),
                    fifo.string() + ": exists and is not a regular file; not replacing it");
  CHECK(std::filesystem::is_fifo(fifo));
  CHECK_THROWS_AS(refuse_existing_output("/dev/null", true), FileError);
}

TEST_CASE("an output file that cannot be created says why") {
  ScratchDirectory dir("output-file-uncreatable");
  const auto blocker = dir.path / "plain";
  std::ofstream(blocker) << "a file, not a directory";
  // The parent "directory" is a regular file: no permission trick needed,
  // so the test holds when run as root.
  CHECK_THROWS_WITH(OutputFile(blocker / "out.h5", false),
                    Catch::Contains("cannot create directory"));
}
