// `trustsim summary FILE.h5`: the /summary table, one row per run, aligned
// for reading in a terminal; with the mean and standard deviation of each
// outcome when the file holds replicates of a single scenario. A sweep's
// file holds a comparison of its variants: that is printed instead of the
// (long) run table, which --runs adds back; a grid over one or two keys
// adds each outcome against the grid value, and a Morris or Sobol' sweep
// its /sensitivity table. --teams prints /team_summary instead, one row per
// run and team, with each variant's team means below it.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include "calibrate/calibration_output.hpp"
#include "cli/command_line.hpp"
#include "io/summary_reader.hpp"
#include "sweep/comparison_text.hpp"
#include "sweep/response_text.hpp"
#include "sweep/sensitivity_file.hpp"
#include "sweep/sensitivity_text.hpp"

namespace trustsim::cli {

namespace {

struct SummaryOptions {
  std::string file;
  bool runs = false;
  bool teams = false;
};

bool all_integral(const std::vector<double>& values) {
  for (double v : values)
    if (!std::isfinite(v) || std::floor(v) != v || std::fabs(v) > 1e15) return false;
  return true;
}

std::string real_text(double value, bool integral) {
  char text[64];
  if (integral)
    std::snprintf(text, sizeof text, "%.0f", value);
  else
    std::snprintf(text, sizeof text, "%.4f", value);
  return text;
}

// Five significant digits: enough to compare means, few enough to read.
std::string statistic_text(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.5g", value);
  return text;
}

// Each column as text cells, right-aligned unless it holds text.
struct TextColumn {
  std::string header;
  std::vector<std::string> cells;
  bool left = false;
  std::vector<double> numbers;  // reals, for the mean and sd rows
};

TextColumn to_text(const SummaryColumn& column) {
  TextColumn text{column.name, {}, false, {}};
  std::visit(
      [&](const auto& values) {
        using T = typename std::decay_t<decltype(values)>::value_type;
        if constexpr (std::is_same_v<T, std::string>) {
          text.cells = values;
          text.left = true;
        } else if constexpr (std::is_same_v<T, double>) {
          const bool integral = all_integral(values);
          for (double v : values) text.cells.push_back(real_text(v, integral));
          text.numbers = values;
        } else {
          for (auto v : values) text.cells.push_back(std::to_string(v));
        }
      },
      column.values);
  return text;
}

void print_row(const std::vector<TextColumn>& columns, const std::vector<std::string>& cells,
               const std::vector<std::size_t>& widths) {
  std::string line;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const std::string& cell = cells[c];
    const std::string pad(widths[c] - std::min(widths[c], cell.size()), ' ');
    if (c > 0) line += "  ";
    line += columns[c].left ? cell + pad : pad + cell;
  }
  line.erase(line.find_last_not_of(' ') + 1);
  std::cout << line << '\n';
}

void print_table(const std::vector<TextColumn>& columns, std::size_t rows,
                 const std::vector<std::vector<std::string>>& extra_rows) {
  std::vector<std::size_t> widths;
  for (const auto& column : columns) {
    std::size_t width = column.header.size();
    for (const auto& cell : column.cells) width = std::max(width, cell.size());
    widths.push_back(width);
  }
  for (const auto& row : extra_rows)
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());

  std::vector<std::string> headers;
  for (const auto& column : columns) headers.push_back(column.header);
  print_row(columns, headers, widths);
  for (std::size_t r = 0; r < rows; ++r) {
    std::vector<std::string> cells;
    for (const auto& column : columns) cells.push_back(column.cells[r]);
    print_row(columns, cells, widths);
  }
  if (!extra_rows.empty()) {
    std::size_t total = 0;
    for (auto w : widths) total += w + 2;
    std::cout << std::string(total - 2, '-') << '\n';
    for (const auto& row : extra_rows) print_row(columns, row, widths);
  }
}

// /team_summary, one row per run and team; below it, when some variant has
// more than one run, the mean of each column over a variant's runs, team by
// team (the `run` cell then says how many runs).
int print_teams(const SummaryOptions& options) {
  const SummaryTable table = read_table(options.file, "team_summary");
  const std::size_t rows = table.rows();
  std::cout << options.file << ": /team_summary, " << rows << (rows == 1 ? " row" : " rows")
            << " (run x team)\n\n";
  std::vector<TextColumn> columns;
  for (const auto& column : table.columns) columns.push_back(to_text(column));
  auto column_of = [&](const std::string& name) -> const TextColumn* {
    for (const auto& c : columns)
      if (c.header == name) return &c;
    return nullptr;
  };
  const TextColumn* variant = column_of("variant");
  const TextColumn* team = column_of("team");
  std::vector<std::vector<std::string>> extra_rows;
  if (variant != nullptr && team != nullptr) {
    // Groups in order of first appearance.
    std::vector<std::pair<std::string, std::string>> groups;
    std::vector<std::vector<std::size_t>> members;
    for (std::size_t r = 0; r < rows; ++r) {
      const std::pair key{variant->cells[r], team->cells[r]};
      auto at = std::find(groups.begin(), groups.end(), key);
      if (at == groups.end()) {
        groups.push_back(key);
        members.emplace_back();
        at = groups.end() - 1;
      }
      members[static_cast<std::size_t>(at - groups.begin())].push_back(r);
    }
    const bool replicated =
        std::any_of(members.begin(), members.end(), [](const auto& m) { return m.size() > 1; });
    for (std::size_t g = 0; replicated && g < groups.size(); ++g) {
      std::vector<std::string> row;
      for (const auto& column : columns) {
        if (column.header == "run") {
          row.push_back("mean of " + std::to_string(members[g].size()));
        } else if (&column == variant) {
          row.push_back(groups[g].first);
        } else if (&column == team) {
          row.push_back(groups[g].second);
        } else if (!column.numbers.empty()) {
          double mean = 0;
          for (std::size_t r : members[g]) mean += column.numbers[r];
          row.push_back(statistic_text(mean / static_cast<double>(members[g].size())));
        } else {
          row.push_back("");
        }
      }
      extra_rows.push_back(std::move(row));
    }
  }
  print_table(columns, rows, extra_rows);
  return ok;
}

// A calibration's file: its posterior and posterior predictive, instead of
// the (long) table of particles, which --runs adds back.
bool print_calibration(const SummaryOptions& options, const SummaryTable& table) {
  if (table.kind != calibration_kind) return false;
  std::cout << calibration_report_text(read_calibration_report(options.file));
  if (!options.runs)
    std::cout << "\n(" << table.rows()
              << " posterior particles in /summary: add --runs to list them)\n";
  else
    std::cout << '\n';
  return !options.runs;
}

int execute(const SummaryOptions& options) {
  if (options.teams) return print_teams(options);
  const SummaryTable table = read_summary(options.file);
  const std::size_t rows = table.rows();
  std::cout << options.file << ": " << table.kind << ", " << rows << (rows == 1 ? " run" : " runs")
            << ", trustsim " << table.program_version << ", created " << table.created_utc
            << "\n\n";
  if (print_calibration(options, table)) return ok;
  // A run's /comparison has no differences to show: its run table (with
  // the means below it) says more.
  const auto comparison = table.kind == "run" ? std::nullopt : read_comparison(options.file);
  if (comparison) {
    // A grid over one or two keys: each outcome against the grid value first.
    if (const std::string response = response_text(*comparison); !response.empty())
      std::cout << response << '\n';
    std::cout << comparison_text(*comparison);
    if (const auto sensitivity = read_sensitivity(options.file))
      std::cout << '\n' << sensitivity_text(*sensitivity);
    if (!options.runs) {
      std::cout << "\n(" << rows << (rows == 1 ? " run" : " runs")
                << " in /summary: add --runs to list them)\n";
      return ok;
    }
    std::cout << '\n';
  }

  std::vector<TextColumn> columns;
  for (const auto& column : table.columns) columns.push_back(to_text(column));

  // Replicates of one scenario: their spread is the uncertainty to report.
  std::vector<std::vector<std::string>> extra_rows;
  if (table.kind == "run" && rows > 1) {
    std::vector<std::string> mean_row, sd_row;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const auto& values = columns[c].numbers;
      if (values.empty() || columns[c].header == "replicate") {
        mean_row.push_back(c == 0 ? "mean" : "");
        sd_row.push_back(c == 0 ? "sd" : "");
        continue;
      }
      double mean = 0;
      for (double v : values) mean += v;
      mean /= static_cast<double>(values.size());
      double squares = 0;
      for (double v : values) squares += (v - mean) * (v - mean);
      const double sd = std::sqrt(squares / static_cast<double>(values.size() - 1));
      mean_row.push_back(statistic_text(mean));
      sd_row.push_back(statistic_text(sd));
    }
    extra_rows = {mean_row, sd_row};
  }
  print_table(columns, rows, extra_rows);
  return ok;
}

}  // namespace

Subcommand add_summary_command(CLI::App& root) {
  auto options = std::make_shared<SummaryOptions>();
  CLI::App* app = root.add_subcommand("summary", "Print the summary table of an output file");
  app->add_option("file", options->file, "trustsim output file (HDF5)")->required();
  app->add_flag("--runs", options->runs,
                "With a sweep's file: list every run as well as the comparison of variants");
  app->add_flag("--teams", options->teams,
                "Print /team_summary (one row per run and team) and each variant's team means");
  app->footer(
      "Examples:\n  trustsim summary results/baseline.h5\n"
      "  trustsim summary results/interventions.h5 --runs\n"
      "  trustsim summary results/baseline.h5 --teams");
  return {app, [options] { return execute(*options); }};
}

}  // namespace trustsim::cli
