#include "sweep/sensitivity_file.hpp"

#include "io/hdf5_read.hpp"
#include "io/hdf5_write.hpp"
#include "io/output_file.hpp"
#include "sweep/bootstrap.hpp"

namespace trustsim {

namespace {

using hdf5::DatasetInfo;

// The six numeric columns: index c of the row, and which end.
struct IndexColumn {
  std::string name;
  std::size_t index;
  int part;  // 0 value, 1 low, 2 high
};

std::vector<IndexColumn> index_columns(const std::string& method) {
  std::vector<IndexColumn> columns;
  const auto names = index_names(method);
  for (std::size_t c = 0; c < 2; ++c) {
    columns.push_back({names[c], c, 0});
    columns.push_back({names[c] + "_ci_low", c, 1});
    columns.push_back({names[c] + "_ci_high", c, 2});
  }
  return columns;
}

double& part_of(IndexEstimate& estimate, int part) {
  return part == 0 ? estimate.value : part == 1 ? estimate.low : estimate.high;
}

std::string description(const std::string& name) {
  static const std::vector<std::pair<std::string, std::string>> meaning{
      {"mu_star", "Morris mu*: mean absolute elementary effect (per whole range of the parameter)"},
      {"sigma", "Morris sigma: standard deviation of the elementary effects"},
      {"S1", "first-order Sobol' index (Saltelli 2010 estimator)"},
      {"ST", "total Sobol' index (Jansen 1999 estimator)"}};
  for (const auto& [index, text] : meaning) {
    if (name == index) return text;
    if (name == index + "_ci_low") return "lower end of the bootstrap 95% interval of " + index;
    if (name == index + "_ci_high") return "upper end of the bootstrap 95% interval of " + index;
  }
  return name;
}

}  // namespace

std::string replicate_noise_note(const SensitivityTable& table) {
  std::string note =
      "indices computed on each design point's mean over " + std::to_string(table.replicates) +
      " replicate(s); every design point uses the same seeds, so noise that does not depend on "
      "the parameters cancels; the row '" +
      replicate_noise_parameter + "' gives the indices replicate noise alone would produce";
  note += table.replicates < 2 ? " (NaN: one replicate cannot measure it)"
                               : " (from the spread between replicates)";
  return note;
}

void write_sensitivity(hid_t file, const SensitivityTable& table) {
  hdf5::Handle group = hdf5::create_group(file, "sensitivity");
  const std::size_t n = table.rows.size();
  std::vector<std::string> methods(n, table.method), variants(n), outcomes(n), parameters(n);
  for (std::size_t i = 0; i < n; ++i) {
    variants[i] = table.rows[i].variant;
    outcomes[i] = outcome_info[table.rows[i].outcome].name;
    parameters[i] = table.rows[i].parameter;
  }
  hdf5::write_strings(group, "method", methods, DatasetInfo{"1", "morris or sobol"});
  hdf5::write_strings(group, "variant", variants, DatasetInfo{"1", "variant name"});
  hdf5::write_strings(group, "outcome", outcomes,
                      DatasetInfo{"1", "outcome name (a /summary column)"});
  hdf5::write_strings(
      group, "parameter", parameters,
      DatasetInfo{"1", std::string("sampled scenario key, or ") + replicate_noise_parameter});
  std::vector<std::string> columns{"method", "variant", "outcome", "parameter"};
  for (const auto& column : index_columns(table.method)) {
    std::vector<double> values(n);
    for (std::size_t i = 0; i < n; ++i) {
      IndexEstimate estimate = table.rows[i].indices[column.index];
      values[i] = part_of(estimate, column.part);
    }
    const bool morris = table.method == "morris";
    hdf5::write_dataset(
        group, column.name, values,
        DatasetInfo{morris ? "units of the outcome" : "1", description(column.name)});
    columns.push_back(column.name);
  }
  hdf5::write_attribute(group, "columns", columns);
  hdf5::write_attribute(group, "method", table.method);
  hdf5::write_attribute(group, "replicates", static_cast<std::int64_t>(table.replicates));
  hdf5::write_attribute(group, "confidence_level", std::string("0.95"));
  hdf5::write_attribute(group, "bootstrap_resamples",
                        static_cast<std::int64_t>(bootstrap_resamples));
  hdf5::write_attribute(group, "replicate_noise", replicate_noise_note(table));
}

std::optional<SensitivityTable> read_sensitivity(const std::filesystem::path& path) {
  const std::string name = path.string();
  const hid_t id = H5Fopen(name.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) throw FileError(name + ": cannot open");
  hdf5::Handle file(id, H5Fclose);
  if (H5Lexists(file, "sensitivity", H5P_DEFAULT) <= 0) return std::nullopt;
  try {
    hdf5::Handle group =
        hdf5::group(H5Gopen2(file, "sensitivity", H5P_DEFAULT), "open /sensitivity");
    SensitivityTable table;
    table.method = hdf5::read_string_attribute(group, "method");
    if (table.method != "morris" && table.method != "sobol")
      throw FileError(name + ": /sensitivity has an unknown method " + table.method);
    table.replicates = static_cast<int>(hdf5::read_integer_attribute(group, "replicates"));
    const auto variants = hdf5::read_strings(group, "variant");
    const auto outcomes = hdf5::read_strings(group, "outcome");
    const auto parameters = hdf5::read_strings(group, "parameter");
    const std::size_t n = variants.size();
    if (outcomes.size() != n || parameters.size() != n)
      throw FileError(name + ": /sensitivity columns differ in length");
    table.rows.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      SensitivityRow& row = table.rows[i];
      row.variant = variants[i];
      row.parameter = parameters[i];
      std::size_t o = 0;
      while (o < outcome_count && outcomes[i] != outcome_info[o].name) ++o;
      if (o == outcome_count)
        throw FileError(name + ": /sensitivity names an unknown outcome " + outcomes[i]);
      row.outcome = o;
    }
    for (const auto& column : index_columns(table.method)) {
      const auto values = hdf5::read_doubles(group, column.name);
      if (values.size() != n) throw FileError(name + ": /sensitivity columns differ in length");
      for (std::size_t i = 0; i < n; ++i)
        part_of(table.rows[i].indices[column.index], column.part) = values[i];
    }
    return table;
  } catch (const hdf5::Error& problem) {
    throw FileError(name + ": damaged /sensitivity table (" + problem.what() + ")");
  }
}

}  // namespace trustsim
