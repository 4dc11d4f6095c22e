# Warnings live on one INTERFACE target that every trustsim target links, so
# the policy is stated once (the HighFive habit).
add_library(trustsim_warnings INTERFACE)
add_library(trustsim::warnings ALIAS trustsim_warnings)

target_compile_options(trustsim_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang,AppleClang>:-Wall -Wextra>
  $<$<CXX_COMPILER_ID:MSVC>:/W4>)

if(TRUSTSIM_WARNINGS_AS_ERRORS)
  target_compile_options(trustsim_warnings INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang,AppleClang>:-Werror>
    $<$<CXX_COMPILER_ID:MSVC>:/WX>)
endif()
