// The one translation unit with Catch2's main, shared by every suite.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
