# Sanitizer builds (issue 8). TRUSTSIM_SANITIZE names the sanitizers that
# every object of the build is compiled and linked with, e.g.
# "address,undefined" or "thread". They are set for the whole directory tree
# rather than on a target: a sanitizer must see every translation unit
# (Catch2's main, the libraries, the tests), or it misses what it is for;
# ThreadSanitizer in particular reports false races on code it did not see.
set(TRUSTSIM_SANITIZE "" CACHE STRING
  "Sanitizers to build with: address,undefined or thread (empty: none)")
option(TRUSTSIM_FUZZ "Build the libFuzzer targets (clang, with TRUSTSIM_SANITIZE=address,undefined)" OFF)

if(TRUSTSIM_SANITIZE)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "TRUSTSIM_SANITIZE needs GCC or Clang")
  endif()
  # Every finding stops the program (no "recoverable" UBSan reports that
  # scroll by and still exit 0); frame pointers give readable stacks.
  add_compile_options(-fsanitize=${TRUSTSIM_SANITIZE} -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${TRUSTSIM_SANITIZE})
  message(STATUS "trustsim: sanitizers ${TRUSTSIM_SANITIZE}")
endif()

if(TRUSTSIM_FUZZ AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "TRUSTSIM_FUZZ needs clang (libFuzzer): configure with CXX=clang++")
endif()
