// Which meeting regime holds on a day, after the timed changes.
#pragma once

#include "model/parameters.hpp"

namespace trustsim {

struct RegimeToday {
  Regime regime;
  double face_to_face_fraction;  // share of meetings held in person (not of working time)
};

inline RegimeToday regime_on(const MeetingParameters& m, int day) {
  RegimeToday today{m.regime, m.face_to_face_fraction};
  for (const auto& change : m.schedule)  // validated to be in day order
    if (change.day <= day) today = {change.regime, change.face_to_face_fraction};
  if (today.regime == Regime::online) today.face_to_face_fraction = 0.0;
  if (today.regime == Regime::face_to_face) today.face_to_face_fraction = 1.0;
  return today;
}

}  // namespace trustsim
