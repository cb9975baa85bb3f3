# cmake -DFUZZER=<binary> -DSEEDS=<dir> -DDICT=<file> -DWORK=<dir> -DSECONDS=<n> -P run_fuzzer.cmake
#
# Runs one libFuzzer binary for SECONDS on a fresh copy of the seed corpus in WORK (which it
# empties first), with the dictionary DICT. Fails if the binary is missing (tools/build makes it)
# or if libFuzzer reports a crash, a leak, a timeout (> 10 s for one input) or running out of
# memory (> 2 GB); the offending input is then in WORK/artifacts. Prints libFuzzer's final
# statistics (executions, coverage) either way.
foreach(arg FUZZER SEEDS DICT WORK SECONDS)
  if(NOT DEFINED ${arg})
    message(FATAL_ERROR "run_fuzzer.cmake: -D${arg}=... is required")
  endif()
endforeach()
if(NOT EXISTS "${FUZZER}")
  message(FATAL_ERROR "fuzzer not built: ${FUZZER} (run tools/build, which builds build/fuzz)")
endif()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/corpus" "${WORK}/artifacts")
file(GLOB seeds "${SEEDS}/*")
if(NOT seeds)
  message(FATAL_ERROR "no seed inputs in ${SEEDS}")
endif()
file(COPY ${seeds} DESTINATION "${WORK}/corpus")

execute_process(
  COMMAND "${FUZZER}" -max_total_time=${SECONDS} -timeout=10 -rss_limit_mb=2048
          -dict=${DICT} -print_final_stats=1 -artifact_prefix=${WORK}/artifacts/
          "${WORK}/corpus"
  WORKING_DIRECTORY "${WORK}"
  RESULT_VARIABLE result
  OUTPUT_VARIABLE out
  ERROR_VARIABLE out)
file(WRITE "${WORK}/fuzzer.log" "${out}")
# The coverage lines and the final statistics, not the whole log.
string(REGEX MATCHALL "[^\n]*(INITED|DONE|stat::)[^\n]*" summary "${out}")
string(REPLACE ";" "\n" summary "${summary}")
message("${summary}")
if(NOT result EQUAL 0)
  string(LENGTH "${out}" length)
  math(EXPR from "${length} - 6000")
  if(from LESS 0)
    set(from 0)
  endif()
  string(SUBSTRING "${out}" ${from} -1 tail)
  message("${tail}")
  file(GLOB found "${WORK}/artifacts/*")
  message(FATAL_ERROR "fuzzer failed (exit ${result}); inputs: ${found}; log: ${WORK}/fuzzer.log")
endif()
