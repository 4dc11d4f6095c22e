// Every random draw has an address: (run seed; purpose, day, subject). A
// stream is built where it is used from that address with the counter-based
// Philox generator, so a draw never depends on which thread made it or on
// what was drawn before elsewhere. Boost.Random distributions consume it.
#pragma once

#include <Random123/philox.h>

#include <algorithm>
#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <cstdint>
#include <limits>

namespace trustsim {

// The one list of purposes. Never reorder or reuse a number: that would
// change every result ever produced with it.
enum class Purpose : std::uint32_t {
  roster = 1,
  facilitator_choice = 2,
  meeting = 3,
  informal_contact = 4,
  facilitation = 5,
  issue = 6,
  workaround = 7,
  // 8 drew each person's leaving day by day until change 54 of
  // docs/benchmarks.md: retired, never to be given again.
  hiring = 9,
  fluid_teams = 10,
  cross_team_meeting = 11,
  unresolved_issue = 12,
  // 13 is taken outside the model: sim/sweep/ draws its designs with it
  // (sweep/design_streams.hpp). Never give it to a purpose here.
  on_site = 14,
  induction = 15,
  vacant_post_issue = 16,
  // 17 and 18 are taken outside the model: sim/calibrate/ draws its
  // proposals and posterior predictive picks with them (draw_address.hpp).
  ritual = 19,
  // 20 is taken outside the model: sim/calibrate/'s adaptive population
  // sizes (draw_address.hpp).
  leaving = 21,
  issue_count = 22,
  // The next purpose of the model is 23.
};

// The first word of a draw's address: one of the model's purposes, or a
// number a layer outside the model has taken for its own draws (marked
// taken in the list above, named where it is used).
class StreamPurpose {
 public:
  constexpr StreamPurpose(Purpose purpose) : number_(static_cast<std::uint32_t>(purpose)) {}
  static constexpr StreamPurpose outside_the_model(std::uint32_t number) {
    return StreamPurpose(number);
  }
  constexpr std::uint32_t number() const { return number_; }

 private:
  explicit constexpr StreamPurpose(std::uint32_t number) : number_(number) {}
  std::uint32_t number_;
};

// The other two words: the day of the draw, and its subject (the staff
// member, post, team or slot it is for). Two types, so that the two numbers
// cannot be passed the wrong way round.
struct Day {
  explicit constexpr Day(std::uint32_t number) : value(number) {}
  std::uint32_t value;
};
struct Subject {
  explicit constexpr Subject(std::uint32_t number) : value(number) {}
  std::uint32_t value;
};

class RandomStream {
 public:
  using result_type = std::uint32_t;

  RandomStream(std::uint64_t seed, StreamPurpose purpose, Day day, Subject subject)
      : key_{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}},
        counter_{{purpose.number(), day.value, subject.value, 0}} {}

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return 0xFFFFFFFFu; }

  result_type operator()() {
    if (used_ == 4) {
      block_ = philox_(counter_, key_);
      ++counter_.v[3];
      used_ = 0;
    }
    return block_.v[used_++];
  }

  double uniform() { return boost::random::uniform_01<double>()(*this); }
  bool chance(double p) { return p > 0.0 && (p >= 1.0 || uniform() < p); }
  int poisson(double mean);
  // The first day, from `day` on, of an event that happens each day with
  // probability p: `day` plus a geometric number of days, P(k) = (1 - p)^k
  // p, from one uniform draw; never (the largest day) when p is 0. Where
  // each day's chance is the same, this one draw stands for a draw a day.
  std::int32_t first_day(int day, double p) {
    if (p >= 1.0) return day;
    const double days = p > 0.0 ? std::floor(std::log1p(-uniform()) / std::log1p(-p))
                                : std::numeric_limits<double>::infinity();
    return static_cast<std::int32_t>(
        std::min(day + days, double{std::numeric_limits<std::int32_t>::max()}));
  }
  // For something that ends on a day with a chance h_t that may change from
  // day to day: one draw that stands for a draw a day. The margin is
  // 1 / (1 - U), and each day multiplies it by (1 - h_t); the thing ends on
  // the first day the margin falls below 1, that is, when its chance of
  // having lasted so far, prod (1 - h_k), falls below 1 - U, which happens
  // by day n with probability 1 - prod (1 - h_k), as with a draw a day.
  double survival_margin() { return 1.0 / (1.0 - uniform()); }  // 1 - U is in (0, 1]
  // Uniform on [0, n), n > 0.
  std::size_t below(std::size_t n) {
    return boost::random::uniform_int_distribution<std::size_t>(0, n - 1)(*this);
  }

 private:
  using Philox = r123::Philox4x32;
  Philox philox_;
  Philox::key_type key_;
  Philox::ctr_type counter_;
  Philox::ctr_type block_{};
  int used_ = 4;
};

// A Poisson count whose mean holds for a whole phase (contacts a day, issues
// a day): the distribution's set-up, an exp(), is done once rather than for
// every person; each count drawn is the one RandomStream::poisson draws.
class PoissonCount {
 public:
  explicit PoissonCount(double mean) : mean_(mean), distribution_(mean > 0.0 ? mean : 1.0) {}
  int operator()(RandomStream& rng) const { return mean_ > 0.0 ? distribution_(rng) : 0; }

 private:
  double mean_;
  boost::random::poisson_distribution<int, double> distribution_;
};

inline int RandomStream::poisson(double mean) { return PoissonCount(mean)(*this); }

}  // namespace trustsim
