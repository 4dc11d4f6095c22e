// The work directory of a sweep: created with its manifest, continued only
// by the same sweep and program, refused to a second process, cleaned of
// the temporary files a kill leaves.
#include <catch2/catch.hpp>

#include <fstream>

#include "io/output_file.hpp"
#include "sweep/parts_directory.hpp"
#include "sweep_fixtures.hpp"

using namespace trustsim;
using testing::ScratchDirectory;

namespace {

PartsManifest manifest(const std::string& fingerprint = "00000000deadbeef") {
  return {fingerprint, 5, "0.1.0", "abc1234", "sweep.json"};
}

void touch(const std::filesystem::path& path) { std::ofstream(path) << "x"; }

}  // namespace

TEST_CASE("a fresh directory has a manifest and no finished runs", "[parts_directory]") {
  ScratchDirectory scratch("parts-fresh");
  const auto output = scratch.path() / "out.h5";
  PartsDirectory parts(output, manifest(), PartsMode::fresh);
  CHECK(parts.path() == scratch.path() / "out.h5.parts");
  CHECK(std::filesystem::is_regular_file(parts.path() / "manifest.json"));
  CHECK(parts.part_path(3) == parts.path() / "run_000003.h5");
  CHECK(parts.finished_runs() == std::vector<bool>(5, false));
  parts.remove();
  CHECK_FALSE(std::filesystem::exists(scratch.path() / "out.h5.parts"));
}

TEST_CASE("resume finds finished parts and drops temporary ones", "[parts_directory]") {
  ScratchDirectory scratch("parts-resume");
  const auto output = scratch.path() / "out.h5";
  {
    PartsDirectory parts(output, manifest(), PartsMode::fresh);
    touch(parts.part_path(1));
    touch(parts.part_path(4));
    std::ofstream(parts.path() / "run_000002.h5.tmp-abcdefghijkl").flush();  // a kill mid-write
    touch(parts.path() / "run_000099.h5");  // not a run of this plan
    touch(parts.path() / "notes.tmp-1");    // not trustsim's: never removed
  }
  PartsDirectory parts(output, manifest(), PartsMode::resume);
  CHECK(parts.finished_runs() == std::vector<bool>{false, true, false, false, true});
  CHECK(parts.finished_count() == 2);
  CHECK_FALSE(std::filesystem::exists(parts.path() / "run_000002.h5.tmp-abcdefghijkl"));
  CHECK(std::filesystem::exists(parts.path() / "notes.tmp-1"));
  // Removing the directory removes trustsim's files only.
  CHECK(parts.remove() == "notes.tmp-1");
  CHECK(std::filesystem::exists(parts.path() / "notes.tmp-1"));
  CHECK_FALSE(std::filesystem::exists(parts.path() / "manifest.json"));
}

TEST_CASE("an existing directory needs --resume or --force", "[parts_directory]") {
  ScratchDirectory scratch("parts-exists");
  const auto output = scratch.path() / "out.h5";
  { PartsDirectory parts(output, manifest(), PartsMode::fresh); }
  CHECK_THROWS_WITH(PartsDirectory(output, manifest(), PartsMode::fresh),
                    Catch::Contains("--resume") && Catch::Contains("--force"));
  {
    PartsDirectory parts(output, manifest(), PartsMode::resume);
    touch(parts.part_path(0));
  }
  PartsDirectory forced(output, manifest(), PartsMode::force);
  CHECK(forced.finished_count() == 0);  // started again
}

TEST_CASE("resume refuses another sweep's or another program's parts", "[parts_directory]") {
  ScratchDirectory scratch("parts-mismatch");
  const auto output = scratch.path() / "out.h5";
  { PartsDirectory parts(output, manifest(), PartsMode::fresh); }
  CHECK_THROWS_AS(PartsDirectory(output, manifest("0123456789abcdef"), PartsMode::resume),
                  FileError);
  CHECK_THROWS_WITH(PartsDirectory(output, manifest("0123456789abcdef"), PartsMode::resume),
                    Catch::Contains("different sweep"));
  PartsManifest newer = manifest();
  newer.git_commit = "fff9999";
  CHECK_THROWS_WITH(PartsDirectory(output, newer, PartsMode::resume),
                    Catch::Contains("mix results of two programs"));
}

TEST_CASE("a second process cannot work in the same directory", "[parts_directory]") {
  // flock locks belong to the open file description: a second open in this
  // process conflicts exactly as another process would.
  ScratchDirectory scratch("parts-lock");
  const auto output = scratch.path() / "out.h5";
  PartsDirectory first(output, manifest(), PartsMode::fresh);
  CHECK_THROWS_WITH(PartsDirectory(output, manifest(), PartsMode::resume),
                    Catch::Contains("another trustsim process"));
}

TEST_CASE("an empty directory left by a kill before its manifest is taken over",
          "[parts_directory]") {
  ScratchDirectory scratch("parts-empty");
  const auto output = scratch.path() / "out.h5";
  std::filesystem::create_directories(PartsDirectory::path_for(output));
  PartsDirectory parts(output, manifest(), PartsMode::resume);
  CHECK(std::filesystem::is_regular_file(parts.path() / "manifest.json"));
}

TEST_CASE("a symbolic link is never taken as the work directory", "[parts_directory]") {
  // --resume once adopted a link to a user's directory and deleted every
  // file there whose name held ".tmp-" (issue 17, item 4).
  ScratchDirectory scratch("parts-link");
  const auto output = scratch.path() / "out.h5";
  const auto elsewhere = scratch.path() / "elsewhere";
  std::filesystem::create_directories(elsewhere);
  touch(elsewhere / "draft.tmp-1");
  std::filesystem::create_directory_symlink(elsewhere, PartsDirectory::path_for(output));
  for (const auto mode : {PartsMode::resume, PartsMode::force, PartsMode::join})
    CHECK_THROWS_WITH(PartsDirectory(output, manifest(), mode),
                      Catch::Contains("is a symbolic link"));
  CHECK(std::filesystem::exists(elsewhere / "draft.tmp-1"));
}

TEST_CASE("an unreadable manifest with no finished part is written again", "[parts_directory]") {
  // A full disk at the start of a sweep left an empty manifest that then
  // blocked every resume (issue 17, item 9).
  ScratchDirectory scratch("parts-empty-manifest");
  const auto output = scratch.path() / "out.h5";
  std::filesystem::create_directories(PartsDirectory::path_for(output));
  std::ofstream(PartsDirectory::path_for(output) / "manifest.json").flush();
  PartsDirectory parts(output, manifest(), PartsMode::resume);
  CHECK(std::filesystem::file_size(parts.path() / "manifest.json") > 0);
}
