// Small worlds for the model's unit tests.
#pragma once

#include "model/parameters.hpp"

namespace trustsim::test {

// Two teams of two organisations each, on two sites.
inline Parameters two_teams(int per_group = 3) {
  Parameters p;
  p.days = 100;
  p.warmup_days = 0;  // the unit tests step worlds from their initial state
  p.system.teams = {
      {"alpha",
       "site_a",
       {{"nurse", Organisation::community_provider, per_group, ""},
        {"gp", Organisation::primary_care, per_group, ""}}},
      {"beta",
       "site_b",
       {{"pharmacist", Organisation::acute_hospital, per_group, ""},
        {"social_worker", Organisation::social_care, per_group, ""}}},
  };
  return p;
}

}  // namespace trustsim::test
