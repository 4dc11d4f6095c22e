# Every third-party library, found once. Packages that ship a CMake config
# are found through it; HDF5 (C API) through CMake's FindHDF5; Random123 is
# header-only and ships no config, so it gets a small imported target here.
find_package(TBB CONFIG REQUIRED)            # parallel runs and parallel days
find_package(nlohmann_json CONFIG REQUIRED)  # scenario files
find_package(CLI11 CONFIG REQUIRED)          # command line
find_package(Boost 1.74 CONFIG REQUIRED)     # Boost.Random distributions (headers)
find_package(HDF5 REQUIRED COMPONENTS C)     # output files
find_package(ZLIB REQUIRED)                  # their chunks deflated in parallel (io/chunk_filters)

find_path(TRUSTSIM_RANDOM123_INCLUDE_DIR Random123/philox.h
  DOC "Directory holding Random123/philox.h (counter-based generators)")
if(NOT TRUSTSIM_RANDOM123_INCLUDE_DIR)
  message(FATAL_ERROR "Random123 headers not found: install librandom123-dev")
endif()
add_library(trustsim_random123 INTERFACE)
add_library(trustsim::random123 ALIAS trustsim_random123)
target_include_directories(trustsim_random123 SYSTEM INTERFACE ${TRUSTSIM_RANDOM123_INCLUDE_DIR})

if(TRUSTSIM_MPI)
  find_package(MPI REQUIRED COMPONENTS CXX)  # sweeps across ranks (FindMPI: MPI::MPI_CXX)
endif()

if(TRUSTSIM_BUILD_TESTS OR TRUSTSIM_BENCHMARKS)  # tests, and BENCHMARK for bench/
  find_package(Catch2 2.13 CONFIG REQUIRED)
endif()
