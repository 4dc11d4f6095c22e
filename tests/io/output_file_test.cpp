// The output file exists under its final name only once it is complete.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <fstream>

#include "io/hdf5_read.hpp"
#include "io/hdf5_write.hpp"
#include "io/output_file.hpp"
#include "io_fixtures.hpp"

using namespace trustsim;
using trustsim::testing::ScratchDirectory;

TEST_CASE("an output file is written under a temporary name beside the final one") {
  ScratchDirectory dir("output-file");
  const auto final_path = dir.path / "out.h5";
  OutputFile file(final_path, false);
  // NAME.tmp- and 12 random letters: no name another user could plant.
  const std::string temporary = file.temporary_path().string();
  const std::string prefix = final_path.string() + ".tmp-";
  REQUIRE(temporary.size() == prefix.size() + 12);
  CHECK(temporary.compare(0, prefix.size(), prefix) == 0);
  CHECK(temporary.substr(prefix.size()) != std::to_string(::getpid()));
  std::string final_name;
  CHECK(is_temporary_file_name(file.temporary_path().filename().string(), final_name));
  CHECK(final_name == "out.h5");
  OutputFile other(dir.path / "out.h5", false);
  CHECK(other.temporary_path() != file.temporary_path());
  other.abandon();
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

TEST_CASE("commit never replaces a file that appeared meanwhile, unless forced") {
  // Two writers of one output: the second to finish must not destroy the
  // first one's result (issue 17, item 1).
  ScratchDirectory dir("output-file-race");
  const auto final_path = dir.path / "out.h5";
  OutputFile first(final_path, false);
  OutputFile second(final_path, false);
  first.commit();
  const auto size = std::filesystem::file_size(final_path);
  CHECK_THROWS_AS(second.commit(), WriteError);
  CHECK(std::filesystem::file_size(final_path) == size);
  CHECK_FALSE(std::filesystem::exists(second.temporary_path()));
  OutputFile forced(final_path, true);
  CHECK_NOTHROW(forced.commit());
}

TEST_CASE("a verification that fails stops the commit and removes the file") {
  ScratchDirectory dir("output-file-verify");
  const auto final_path = dir.path / "out.h5";
  OutputFile file(final_path, false);
  CHECK_THROWS_AS(file.commit([](const std::filesystem::path&) { throw FileError("bad copy"); }),
                  FileError);
  file.abandon();
  CHECK(std::filesystem::is_empty(dir.path));
}

TEST_CASE("a symbolic link at the output is refused without force, and never followed") {
  ScratchDirectory dir("output-file-link");
  const auto target = dir.path / "target.txt";
  std::ofstream(target) << "precious";
  const auto link = dir.path / "out.h5";
  std::filesystem::create_symlink(dir.path / "missing.h5", link);  // dangling
  CHECK_THROWS_WITH(OutputFile(link, false), Catch::Contains("already exists as a symbolic link"));
  std::filesystem::remove(link);
  std::filesystem::create_symlink(target, link);
  OutputFile file(link, true);
  file.commit();
  CHECK_FALSE(std::filesystem::is_symlink(link));  // the link was replaced...
  std::ifstream in(target);
  std::string text;
  in >> text;
  CHECK(text == "precious");  // ...not what it pointed to
}

TEST_CASE("an output name ending in a slash names a directory") {
  CHECK_THROWS_WITH(refuse_existing_output("results/x.h5/", true),
                    "results/x.h5/: names a directory, not an output file");
}

TEST_CASE("abandoned temporary files are told from live ones by their lock") {
  ScratchDirectory dir("output-file-abandoned");
  const auto final_path = dir.path / "out.h5";
  OutputFile live(final_path, false);  // holds its lock
  const auto abandoned = dir.path / "out.h5.tmp-abcdefghijkl";
  const auto foreign = dir.path / "out.h5.tmp-mnopqrstuvwx";
  const auto other_output = dir.path / "other.h5.tmp-abcdefghijkl";
  std::ofstream(abandoned).flush();            // empty: killed while creating it
  std::ofstream(foreign) << "a user's notes";  // not an HDF5 file: not ours
  std::ofstream(other_output).flush();
  CHECK(remove_abandoned_temporaries(final_path, 0) == 1);
  CHECK_FALSE(std::filesystem::exists(abandoned));
  CHECK(std::filesystem::exists(live.temporary_path()));
  CHECK(std::filesystem::exists(foreign));
  CHECK(std::filesystem::exists(other_output));
  std::ofstream(abandoned).flush();
  CHECK(remove_abandoned_temporaries(final_path) == 0);  // too young to judge
  // Stamped in our future (a finer clock than time()'s stamps files): no
  // age asked, it goes all the same.
  std::filesystem::last_write_time(
      abandoned, std::filesystem::file_time_type::clock::now() + std::chrono::minutes(5));
  CHECK(remove_abandoned_temporaries(final_path, 0) == 1);
}

TEST_CASE("long names keep their temporary name within the limit") {
  ScratchDirectory dir("output-file-long");
  const auto final_path = dir.path / (std::string(252, 'n') + ".h5");
  OutputFile file(final_path, false);
  CHECK(file.temporary_path().filename().string().size() <= 255);
  file.commit();
  CHECK(std::filesystem::exists(final_path));
}

TEST_CASE("writes in a child process land in the file, and their failures come back") {
  hdf5::silence_library_errors();
  ScratchDirectory dir("output-file-child");
  const auto final_path = dir.path / "out.h5";
  OutputFile file(final_path, false);
  hdf5::write_attribute(file.id(), "before", std::int64_t{1});
  file.write_in_child([](hid_t id) { hdf5::write_attribute(id, "in_child", std::int64_t{2}); });
  hdf5::write_attribute(file.id(), "after", std::int64_t{3});
  file.commit();
  hdf5::Handle written =
      hdf5::file(H5Fopen(final_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open the written file");
  CHECK(hdf5::read_integer_attribute(written, "before") == 1);
  CHECK(hdf5::read_integer_attribute(written, "in_child") == 2);
  CHECK(hdf5::read_integer_attribute(written, "after") == 3);

  OutputFile failing(dir.path / "failing.h5", false);
  CHECK_THROWS_WITH(failing.write_in_child([](hid_t) { throw hdf5::Error("HDF5: cannot copy"); }),
                    "HDF5: cannot copy");
}

TEST_CASE("a child that crashes while writing is a failed write, and the file goes") {
  ScratchDirectory dir("output-file-child-crash");
  std::string message;
  try {
    OutputFile file(dir.path / "out.h5", false);
    file.write_in_child([](hid_t) { std::abort(); });
  } catch (const hdf5::Error& error) {
    message = error.what();
  }
  CHECK_THAT(message, Catch::StartsWith("HDF5: writing the output crashed the library (Aborted"));
  CHECK(std::filesystem::is_empty(dir.path));
}

TEST_CASE("a writing child ignores Ctrl-C and is stopped when asked, and the file goes") {
  ScratchDirectory dir("output-file-child-stop");
  const auto asked = std::chrono::steady_clock::now() + std::chrono::milliseconds(50);
  std::string message;
  try {
    OutputFile file(dir.path / "out.h5", false);
    file.write_in_child(
        [](hid_t) {
          ::raise(SIGINT);  // ignored: the parent decides
          for (;;) ::pause();
        },
        [&] { return std::chrono::steady_clock::now() > asked; });
  } catch (const hdf5::Error& error) {
    message = error.what();
  }
  CHECK(message == "HDF5: writing the output was stopped");
  CHECK(std::filesystem::is_empty(dir.path));
}
