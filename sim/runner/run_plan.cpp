#include "runner/run_plan.hpp"

#include "runner/seed_derivation.hpp"

namespace trustsim {

std::vector<RunPlan> replicate_plans(std::shared_ptr<const Parameters> parameters,
                                     std::shared_ptr<const std::string> parameters_json,
                                     std::uint64_t base_seed, const std::string& variant,
                                     int replicates, std::int64_t first_run_id) {
  std::vector<RunPlan> plans;
  plans.reserve(static_cast<std::size_t>(replicates));
  for (int r = 0; r < replicates; ++r) {
    RunPlan plan;
    plan.run_id = first_run_id + r;
    plan.variant = variant;
    plan.replicate = r;
    plan.seed = derive_run_seed(base_seed, variant, static_cast<std::uint64_t>(r));
    plan.parameters = parameters;
    plan.parameters_json = parameters_json;
    plans.push_back(std::move(plan));
  }
  return plans;
}

std::int64_t total_days(const std::vector<RunPlan>& plans) {
  std::int64_t days = 0;
  for (const auto& plan : plans) days += plan.parameters ? plan.parameters->days : 0;
  return days;
}

}  // namespace trustsim
