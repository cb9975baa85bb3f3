# bench_load: a real sync server on 127.0.0.1 (TLS) driven by 200 simulated tablets for 60 s: sign
# in, push, pull. Prints load_requests_per_s, load_push_p50_ms, load_push_p99_ms, load_errors and
# load_changes_lost (checked against the central store), plus load_pull_p99_ms and
# load_changes_pushed. `bench_load --seconds N` shortens the run.
add_executable(bench_load ${CMAKE_CURRENT_LIST_DIR}/bench_load.cc)
target_link_libraries(bench_load PRIVATE outpost_server_lib outpost_shared outpost_warnings)
