# bench_sync: the server's merge of pushed changes against plain SQLite inserts, a replayed push,
# and a new device's first pull. Prints merge_changes_per_s, raw_sqlite_inserts_per_s,
# merge_vs_raw_ratio, replay_changes_per_s, first_sync_ms and first_sync_changes.
if(TARGET outpost_server_lib)  # the server's Push and Pull are what it measures
  add_executable(bench_sync ${CMAKE_CURRENT_LIST_DIR}/bench_sync.cc)
  target_link_libraries(bench_sync PRIVATE outpost_shared outpost_server_lib outpost_warnings)
endif()
