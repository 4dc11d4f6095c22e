// The /sensitivity table written and read back, and printed for a terminal.
#include <catch2/catch.hpp>

#include <hdf5.h>

#include <cmath>

#include "io/hdf5_read.hpp"
#include "io/output_file.hpp"
#include "sweep/sensitivity_file.hpp"
#include "sweep/sensitivity_text.hpp"
#include "sweep_fixtures.hpp"

using namespace trustsim;
using namespace trustsim::testing;

namespace {

SensitivityTable morris_table() {
  SensitivityTable table{"morris", 3, {}};
  const auto incidents = index(Outcome::incidents);
  table.rows.push_back(
      {"baseline", incidents, "staff.vacancy_days", {{{12.5, 9.0, 15.0}, {3.0, 2.0, 4.5}}}});
  table.rows.push_back(
      {"baseline", incidents, "trust.half_life_days", {{{40.0, 30.0, 52.0}, {8.0, 6.0, 11.0}}}});
  table.rows.push_back(
      {"baseline", incidents, replicate_noise_parameter, {{{4.0, 3.5, 4.6}, {5.0, 4.4, 5.8}}}});
  return table;
}

}  // namespace

TEST_CASE("the sensitivity table round-trips through its file", "[sensitivity_file]") {
  ScratchDirectory scratch("sensitivity-file");
  const auto path = scratch.path() / "out.h5";
  {
    OutputFile file(path, false);
    write_sensitivity(file.id(), morris_table());
    file.commit();
  }
  const auto table = read_sensitivity(path);
  REQUIRE(table);
  CHECK(table->method == "morris");
  CHECK(table->replicates == 3);
  REQUIRE(table->rows.size() == 3);
  CHECK(table->rows[1].parameter == "trust.half_life_days");
  CHECK(table->rows[1].indices[0].high == 52.0);
  CHECK(table->rows[2].indices[1].low == 4.4);
  hdf5::Handle file = hdf5::file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open");
  hdf5::Handle group = hdf5::group(H5Gopen2(file, "sensitivity", H5P_DEFAULT), "open");
  CHECK(hdf5::read_strings_attribute(group, "columns") ==
        std::vector<std::string>{"method", "variant", "outcome", "parameter", "mu_star",
                                 "mu_star_ci_low", "mu_star_ci_high", "sigma", "sigma_ci_low",
                                 "sigma_ci_high"});
  CHECK_THAT(hdf5::read_string_attribute(group, "replicate_noise"),
             Catch::Contains("mean over 3 replicate"));
}

TEST_CASE("a file without /sensitivity has none", "[sensitivity_file]") {
  ScratchDirectory scratch("sensitivity-none");
  const auto path = scratch.path() / "out.h5";
  {
    OutputFile file(path, false);
    file.commit();
  }
  CHECK_FALSE(read_sensitivity(path));
}

TEST_CASE("sensitivity text ranks parameters by mu*, the noise row last", "[sensitivity_file]") {
  const std::string text = sensitivity_text(morris_table());
  CHECK_THAT(text, Catch::Contains("Morris screening"));
  CHECK_THAT(text, Catch::Contains("incidents (incidents)"));
  const auto half_life = text.find("trust.half_life_days");
  const auto vacancy = text.find("staff.vacancy_days");
  const auto noise = text.find(std::string(replicate_noise_parameter) + "  ");
  REQUIRE(half_life != std::string::npos);
  CHECK(half_life < vacancy);
  CHECK(vacancy < noise);
  CHECK_THAT(text, Catch::Contains("40.00  [30.00, 52.00]"));
}

TEST_CASE("a zero-width interval off by rounding does not set the decimals", "[sensitivity_file]") {
  SensitivityTable table{"morris", 4, {}};
  const auto leavers = index(Outcome::hero_leavers);
  const double ulp_wide = std::nextafter(0.75, 1.0);  // every resample alike, but for rounding
  table.rows.push_back({"baseline", leavers, "a", {{{0.75, 0.75, ulp_wide}, {0.0, 0.0, 0.0}}}});
  table.rows.push_back({"baseline", leavers, "b", {{{0.0375, 0.0, 0.1125}, {0.1, 0.0, 0.2}}}});
  const std::string text = sensitivity_text(table);
  CHECK_THAT(text, Catch::Contains("0.750  [0.750, 0.750]"));  // 3 decimals, from b's 0.056
}

TEST_CASE("an outcome with no variance says so instead of a table of blanks",
          "[sensitivity_file]") {
  const double nan = std::nan("");
  SensitivityTable table{"sobol", 2, {}};
  const auto incidents = index(Outcome::incidents);
  table.rows.push_back({"baseline", incidents, "a", {{{nan, nan, nan}, {nan, nan, nan}}}});
  table.rows.push_back(
      {"baseline", incidents, replicate_noise_parameter, {{{nan, nan, nan}, {nan, nan, nan}}}});
  CHECK_THAT(sensitivity_text(table), Catch::Contains("does not vary over the design"));
}
