# bench_rules_eval: compliance evaluation for 10,000 synthetic participants with two years of
# records each. Prints `rules_eval_us_per_participant: <value> us`.
add_executable(bench_rules_eval ${CMAKE_CURRENT_LIST_DIR}/bench_rules_eval.cc)
target_link_libraries(bench_rules_eval PRIVATE outpost_shared outpost_warnings)
