// SPEC: online-only meetings lower between-team trust and raise unraised
// issues compared with face-to-face. S1: trust "requires numerous informal
// interactions", which online working removes.
#include "replicates.hpp"

using namespace trustsim;
using namespace trustsim::stylised;

TEST_CASE("online-only meetings lower between-team trust and raise unraised issues",
          "[stylised]") {
  Parameters online = baseline(), in_person = baseline();
  online.meetings.regime = Regime::online;
  in_person.meetings.regime = Regime::face_to_face;
  const auto on = replicate(online, 40), off = replicate(in_person, 40);
  require_higher("trust_between, face to face over online", outcome(off, Outcome::trust_between),
                 outcome(on, Outcome::trust_between));
  require_higher("issues_unraised, online over face to face", outcome(on, Outcome::issues_unraised),
                 outcome(off, Outcome::issues_unraised));
}
