# Runs the libFuzzer targets of the fuzz tree (tests/fuzz/CMakeLists.txt, built by tools/build in
# build/fuzz with clang) for a bounded time as CTest tests of the native tree. Each run starts
# from a fresh copy of the seed corpus in this build tree, so the repository never receives
# generated inputs; a crash leaves its input (crash-<sha1>) in that working folder and fails.
set(OUTPOST_FUZZ_DIR "${PROJECT_SOURCE_DIR}/build/fuzz" CACHE PATH
    "The fuzz build tree (OUTPOST_BUILD_FUZZ=ON, clang) whose fuzzers CTest runs")
set(OUTPOST_FUZZ_SECONDS 60 CACHE STRING "How long each fuzz test runs, in seconds")

add_test(NAME fuzz.protocol
  COMMAND ${CMAKE_COMMAND}
    -DFUZZER=${OUTPOST_FUZZ_DIR}/tests/fuzz/fuzz_protocol
    -DSEEDS=${PROJECT_SOURCE_DIR}/tests/golden/sync
    -DDICT=${CMAKE_CURRENT_LIST_DIR}/protocol.dict
    -DWORK=${CMAKE_CURRENT_BINARY_DIR}/fuzz-protocol
    -DSECONDS=${OUTPOST_FUZZ_SECONDS}
    -P ${CMAKE_CURRENT_LIST_DIR}/run_fuzzer.cmake)
# libFuzzer stops itself after SECONDS; the margin covers start-up and the final report.
math(EXPR outpost_fuzz_timeout "${OUTPOST_FUZZ_SECONDS} + 120")
set_tests_properties(fuzz.protocol PROPERTIES TIMEOUT ${outpost_fuzz_timeout} LABELS fuzz)
