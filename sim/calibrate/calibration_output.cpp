#include "calibrate/calibration_output.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "calibrate/weighted_sample.hpp"
#include "io/contained_read.hpp"
#include "io/hdf5_read.hpp"
#include "io/hdf5_write.hpp"

namespace trustsim {

namespace {

using hdf5::DatasetInfo;

void write_root(hid_t root, const Provenance& p, const CalibrationDefinition& c,
                const CalibrationResult& r) {
  hdf5::write_attribute(root, "format", std::string("trustsim"));
  hdf5::write_attribute(root, "format_version", std::int64_t{1});
  hdf5::write_attribute(root, "program_version", p.program_version);
  hdf5::write_attribute(root, "git_commit", p.git_commit);
  hdf5::write_attribute(root, "created_utc", p.created_utc);
  hdf5::write_attribute(root, "command_line", p.command_line);
  hdf5::write_attribute(root, "kind", std::string(calibration_kind));
  hdf5::write_attribute(root, "seed", c.seed);
  hdf5::write_attribute(root, "scenario_given", c.given_text);
  hdf5::write_attribute(root, "scenario_resolved", c.resolved_json);
  hdf5::write_attribute(root, "base_file", c.base_source);
  hdf5::write_attribute(root, "targets_file", c.targets.source);
  hdf5::write_attribute(root, "targets_given", c.targets.given_text);
  hdf5::write_attribute(root, "calibration_fingerprint", static_cast<std::uint64_t>(c.fingerprint));
  hdf5::write_attribute(root, "stop_reason", r.stop_reason);
  hdf5::write_attribute(root, "population_count", static_cast<std::int64_t>(r.populations.size()));
}

// A table as /summary is: one 1-D dataset per column, named by `columns`.
class Table {
 public:
  explicit Table(hdf5::Handle group) : group_(std::move(group)) {}
  // Chunked, so that each column carries its Fletcher32 checksum: a
  // population file read back on --resume is checked as it is read (an
  // empty column is stored contiguous, with nothing to check).
  template <class T>
  void column(const std::string& name, const std::vector<T>& values, const DatasetInfo& info) {
    hdf5::write_dataset(group_, name, values, info);
    columns_.push_back(name);
  }
  void text(const std::string& name, const std::vector<std::string>& values,
            const DatasetInfo& info) {
    hdf5::write_strings(group_, name, values, info);
    columns_.push_back(name);
  }
  ~Table() = default;
  void finish() { hdf5::write_attribute(group_, "columns", columns_); }

 private:
  hdf5::Handle group_;
  std::vector<std::string> columns_;
};

void write_particles(hdf5::Handle group, const CalibrationDefinition& c, const Population& pop) {
  Table table(std::move(group));
  std::vector<std::int64_t> particle;
  std::vector<double> weight, distance;
  for (std::size_t i = 0; i < pop.particles.size(); ++i) {
    particle.push_back(static_cast<std::int64_t>(i));
    weight.push_back(pop.particles[i].weight);
    distance.push_back(pop.particles[i].distance);
  }
  table.column("particle", particle, DatasetInfo{"1", "particle number in its population"});
  table.column("weight", weight, DatasetInfo{"1", "normalised importance weight (sums to 1)"});
  table.column("distance", distance,
               DatasetInfo{"1", "distance of the particle's mean outcomes to the targets"});
  for (std::size_t k = 0; k < c.priors.size(); ++k) {
    std::vector<double> values;
    for (const auto& p : pop.particles) values.push_back(c.priors[k].from_internal(p.internal[k]));
    table.column(c.priors[k].key, values, DatasetInfo{"", "calibrated parameter value"});
  }
  for (std::size_t o = 0; o < outcome_count; ++o) {
    std::vector<double> values;
    for (const auto& p : pop.particles) values.push_back(p.outcomes[o]);
    table.column(
        outcome_info[o].name, values,
        DatasetInfo{outcome_info[o].units, (std::string("mean over the particle's replicates: ") +
                                            outcome_info[o].description)});
  }
  table.finish();
}

void write_parameters(hid_t parent, const CalibrationDefinition& c) {
  Table table(hdf5::create_group(parent, "parameters"));
  std::vector<std::string> key, prior;
  std::vector<double> low, high;
  for (const auto& p : c.priors) {
    key.push_back(p.key);
    prior.push_back(prior_kind_names()[static_cast<std::size_t>(p.kind)]);
    low.push_back(p.low);
    high.push_back(p.high);
  }
  table.text("key", key, DatasetInfo{"1", "dotted scenario key"});
  table.text("prior", prior, DatasetInfo{"1", "uniform or log_uniform on [low, high]"});
  table.column("low", low, DatasetInfo{"", "prior's lower end"});
  table.column("high", high, DatasetInfo{"", "prior's upper end"});
  table.finish();
}

void write_targets(hid_t parent, const CalibrationDefinition& c) {
  Table table(hdf5::create_group(parent, "targets"));
  std::vector<std::string> name, outcome, scale_kind, source, note;
  std::vector<double> observed, low, high, scale;
  std::vector<std::int64_t> verified;
  for (const auto& t : c.targets.targets) {
    name.push_back(t.name);
    outcome.push_back(t.outcome);
    observed.push_back(t.observed ? *t.observed : std::nan(""));
    low.push_back(t.low);
    high.push_back(t.high);
    scale.push_back(t.scale);
    scale_kind.push_back(t.scale_kind);
    source.push_back(t.source);
    verified.push_back(t.verified ? 1 : 0);
    note.push_back(t.note);
  }
  table.text("name", name, DatasetInfo{"1", "target name"});
  table.text("outcome", outcome, DatasetInfo{"1", "model outcome (column of /summary)"});
  table.column("observed", observed, DatasetInfo{"", "observed value (NaN: an interval)"});
  table.column("low", low, DatasetInfo{"", "observed interval's lower end (= observed)"});
  table.column("high", high, DatasetInfo{"", "observed interval's upper end (= observed)"});
  table.column("scale", scale, DatasetInfo{"", "a miss is divided by this (sd or tolerance)"});
  table.text("scale_kind", scale_kind, DatasetInfo{"1", "sd or tolerance"});
  table.text("source", source, DatasetInfo{"1", "where the observation comes from"});
  table.column("verified", verified, DatasetInfo{"1", "1: checked against its source"});
  table.text("note", note, DatasetInfo{"1", "how it was checked, or why it could not be"});
  table.finish();
}

void write_populations(hid_t parent, const CalibrationDefinition& c, const CalibrationResult& r) {
  Table table(hdf5::create_group(parent, "populations"));
  std::vector<std::int64_t> index, attempts, simulations, accepted;
  std::vector<double> tolerance, rate, ess;
  for (const auto& p : r.populations) {
    index.push_back(p.index);
    tolerance.push_back(p.tolerance);
    attempts.push_back(p.attempts);
    simulations.push_back(p.simulations);
    accepted.push_back(static_cast<std::int64_t>(p.particles.size()));
    rate.push_back(p.acceptance_rate());
    ess.push_back(p.effective_sample_size());
  }
  table.column("population", index, DatasetInfo{"1", "population number, from 0 (the prior)"});
  table.column("tolerance", tolerance,
               DatasetInfo{"1", "largest distance accepted (inf: population 0)"});
  table.column("attempts", attempts,
               DatasetInfo{"1", "proposals up to each particle's acceptance"});
  table.column("simulations", simulations,
               DatasetInfo{"runs", "runs computed, including speculative ones"});
  table.column("accepted", accepted, DatasetInfo{"1", "particles"});
  table.column("acceptance_rate", rate, DatasetInfo{"1", "accepted / attempts"});
  table.column("effective_sample_size", ess, DatasetInfo{"1", "1 / sum of squared weights"});
  if (c.method.adaptive_size) {
    // Only with adaptive sizes, so that a fixed-size calibration's output
    // is as it was.
    std::vector<std::int64_t> next_size;
    std::vector<double> mean_cv;
    for (const auto& p : r.populations) {
      next_size.push_back(p.next_size);
      mean_cv.push_back(p.mean_cv);
    }
    table.column("next_size", next_size,
                 DatasetInfo{"1", "the next population's size, chosen after this one"});
    table.column(
        "mean_cv", mean_cv,
        DatasetInfo{"1",
                    "mean coefficient of variation of this population's kernel density "
                    "(power law fitted to bootstrap estimates, at its size; NaN: no fit)"});
  }
  table.finish();
  for (const auto& p : r.populations) {
    char name[40];
    std::snprintf(name, sizeof name, "population_%03d", p.index);
    write_particles(hdf5::create_group(parent, name), c, p);
  }
}

void write_predictive(hid_t parent, const CalibrationResult& r) {
  Table table(hdf5::create_group(parent, "posterior_predictive"));
  std::vector<std::int64_t> draw, particle;
  std::vector<std::uint64_t> seed;
  for (const auto& d : r.predictive) {
    draw.push_back(d.draw);
    particle.push_back(static_cast<std::int64_t>(d.particle));
    seed.push_back(d.seed);
  }
  table.column("draw", draw, DatasetInfo{"1", "predictive draw"});
  table.column("particle", particle, DatasetInfo{"1", "posterior particle drawn by weight"});
  table.column("seed", seed, DatasetInfo{"1", "the run's seed"});
  for (std::size_t o = 0; o < outcome_count; ++o) {
    std::vector<double> values;
    for (const auto& d : r.predictive) values.push_back(d.outcomes[o]);
    table.column(outcome_info[o].name, values,
                 DatasetInfo{outcome_info[o].units, outcome_info[o].description});
  }
  table.finish();
}

}  // namespace

void write_calibration_output(OutputFile& file, const CalibrationDefinition& calibration,
                              const CalibrationResult& result, Provenance provenance) {
  provenance.kind = calibration_kind;
  write_root(file.id(), provenance, calibration, result);
  write_particles(hdf5::create_group(file.id(), "summary"), calibration, result.populations.back());
  hdf5::Handle group = hdf5::create_group(file.id(), "calibration");
  write_parameters(group, calibration);
  write_targets(group, calibration);
  write_populations(group, calibration, result);
  write_predictive(group, result);
}

namespace {

CalibrationReport read_report(const std::filesystem::path& path) {
  hdf5::silence_library_errors();
  const std::string name = path.string();
  hdf5::Handle file = hdf5::file(H5Fopen(name.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open");
  if (!hdf5::has_attribute(file, "kind") ||
      hdf5::read_string_attribute(file, "kind") != calibration_kind)
    throw FileError(name + ": not the output of trustsim calibrate");
  CalibrationReport report;
  report.stop_reason = hdf5::read_string_attribute(file, "stop_reason");
  hdf5::Handle summary = hdf5::group(H5Gopen2(file, "summary", H5P_DEFAULT), "open /summary");
  hdf5::Handle calibration =
      hdf5::group(H5Gopen2(file, "calibration", H5P_DEFAULT), "open /calibration");
  hdf5::Handle parameters =
      hdf5::group(H5Gopen2(calibration, "parameters", H5P_DEFAULT), "open parameters");
  hdf5::Handle targets = hdf5::group(H5Gopen2(calibration, "targets", H5P_DEFAULT), "open targets");
  hdf5::Handle populations =
      hdf5::group(H5Gopen2(calibration, "populations", H5P_DEFAULT), "open populations");
  hdf5::Handle predictive = hdf5::group(H5Gopen2(calibration, "posterior_predictive", H5P_DEFAULT),
                                        "open posterior_predictive");
  report.weights = hdf5::read_doubles(summary, "weight");
  const auto keys = hdf5::read_strings(parameters, "key");
  const auto priors = hdf5::read_strings(parameters, "prior");
  const auto lows = hdf5::read_doubles(parameters, "low");
  const auto highs = hdf5::read_doubles(parameters, "high");
  if (priors.size() != keys.size() || lows.size() != keys.size() || highs.size() != keys.size())
    throw FileError(name + ": damaged /calibration/parameters");
  for (std::size_t k = 0; k < keys.size(); ++k) {
    CalibrationReport::Parameter p{keys[k], priors[k], lows[k], highs[k],
                                   hdf5::read_doubles(summary, keys[k])};
    if (p.posterior.size() != report.weights.size())
      throw FileError(name + ": damaged /summary (column " + keys[k] + ")");
    report.parameters.push_back(std::move(p));
  }
  const auto names = hdf5::read_strings(targets, "name");
  const auto outcomes = hdf5::read_strings(targets, "outcome");
  const auto sources = hdf5::read_strings(targets, "source");
  const auto kinds = hdf5::read_strings(targets, "scale_kind");
  const auto observed = hdf5::read_doubles(targets, "observed");
  const auto low = hdf5::read_doubles(targets, "low");
  const auto high = hdf5::read_doubles(targets, "high");
  const auto scale = hdf5::read_doubles(targets, "scale");
  for (std::size_t t = 0; t < names.size(); ++t) {
    CalibrationReport::TargetRow row;
    row.name = names.at(t);
    row.outcome = outcomes.at(t);
    row.source = sources.at(t);
    row.scale_kind = kinds.at(t);
    row.observed = observed.at(t);
    row.interval = std::isnan(row.observed);
    row.low = low.at(t);
    row.high = high.at(t);
    row.scale = scale.at(t);
    row.predictive = hdf5::read_doubles(predictive, row.outcome);
    report.targets.push_back(std::move(row));
  }
  report.tolerances = hdf5::read_doubles(populations, "tolerance");
  report.acceptance_rates = hdf5::read_doubles(populations, "acceptance_rate");
  report.effective_sizes = hdf5::read_doubles(populations, "effective_sample_size");
  report.sizes = hdf5::read_int64s(populations, "accepted");
  if (report.sizes.size() != report.tolerances.size())
    throw FileError(name + ": damaged /calibration/populations (column accepted)");
  return report;
}

std::string number(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.4g", value);
  return text;
}

std::string padded(const std::string& text, std::size_t width, bool left = true) {
  if (text.size() >= width) return text;
  const std::string pad(width - text.size(), ' ');
  return left ? text + pad : pad + text;
}

}  // namespace

CalibrationReport read_calibration_report(const std::filesystem::path& path) {
  refuse_if_reading_crashes(path, [&path] { (void)read_report(path); });
  try {
    return read_report(path);
  } catch (const hdf5::Error& problem) {
    throw FileError(path.string() + ": damaged calibration file (" + problem.what() + ")");
  }
}

std::string calibration_report_text(const CalibrationReport& report) {
  std::ostringstream out;
  const std::size_t populations = report.tolerances.size();
  out << "posterior: population " << (populations ? populations - 1 : 0) << " ("
      << report.weights.size() << " particles, effective sample size "
      << number(report.effective_sizes.empty() ? 0.0 : report.effective_sizes.back())
      << ", tolerance " << number(report.tolerances.empty() ? 0.0 : report.tolerances.back())
      << "); stopped: " << report.stop_reason << "\n";
  std::size_t key_width = 9;
  for (const auto& p : report.parameters) key_width = std::max(key_width, p.key.size());
  out << "  " << padded("parameter", key_width) << "  " << padded("prior", 30) << "  "
      << padded("median", 10, false) << "  90% interval\n";
  for (const auto& p : report.parameters) {
    const std::string prior = p.prior + " [" + number(p.low) + ", " + number(p.high) + "]";
    out << "  " << padded(p.key, key_width) << "  " << padded(prior, 30) << "  "
        << padded(number(weighted_quantile(p.posterior, report.weights, 0.5)), 10, false) << "  ["
        << number(weighted_quantile(p.posterior, report.weights, 0.05)) << ", "
        << number(weighted_quantile(p.posterior, report.weights, 0.95)) << "]\n";
  }
  out << "\npopulations: tolerance (acceptance rate, particles)\n ";
  for (std::size_t i = 0; i < populations; ++i)
    out << ' ' << i << ": " << number(report.tolerances[i]) << " ("
        << number(report.acceptance_rates[i]) << ", " << report.sizes[i] << ")";
  out << "\n";
  if (report.targets.empty()) return out.str();
  const std::size_t draws = report.targets.front().predictive.size();
  out << "\nposterior predictive (" << draws
      << " runs, particles drawn by weight) against the targets; * = observation inside the "
         "90% interval\n";
  std::size_t name_width = 6;
  for (const auto& t : report.targets) name_width = std::max(name_width, t.name.size());
  out << "  " << padded("target", name_width) << "  " << padded("observed", 28) << "  "
      << padded("median", 10, false) << "  90% interval\n";
  for (const auto& t : report.targets) {
    const std::string observed =
        (t.interval ? "[" + number(t.low) + ", " + number(t.high) + "]" : number(t.observed)) +
        " (" + t.scale_kind + " " + number(t.scale) + ")";
    std::string line = "  " + padded(t.name, name_width) + "  " + padded(observed, 28) + "  ";
    if (t.predictive.empty()) {
      out << line << "(no predictive draws)\n";
      continue;
    }
    const std::vector<double> equal(t.predictive.size(),
                                    1.0 / static_cast<double>(t.predictive.size()));
    const double lo = weighted_quantile(t.predictive, equal, 0.05);
    const double hi = weighted_quantile(t.predictive, equal, 0.95);
    const bool inside = t.high >= lo && t.low <= hi;
    out << line << padded(number(weighted_quantile(t.predictive, equal, 0.5)), 10, false) << "  ["
        << number(lo) << ", " << number(hi) << "]" << (inside ? "  *" : "") << "\n";
  }
  out << "\nsources:\n";
  for (const auto& t : report.targets) out << "  " << t.name << ": " << t.source << "\n";
  return out.str();
}

}  // namespace trustsim
