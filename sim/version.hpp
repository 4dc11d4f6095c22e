// What this build of trustsim is: reported by --version and written as
// provenance into every output file.
#pragma once

namespace trustsim {

extern const char* const program_version;  // from project() in CMakeLists.txt
extern const char* const git_commit;       // at configure time, or "unknown"

}  // namespace trustsim
