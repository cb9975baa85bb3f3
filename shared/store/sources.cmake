target_sources(outpost_shared PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/database.cc
  ${CMAKE_CURRENT_LIST_DIR}/migrations.cc
  ${CMAKE_CURRENT_LIST_DIR}/plan_versions.cc
  ${CMAKE_CURRENT_LIST_DIR}/record_store.cc
  ${CMAKE_CURRENT_LIST_DIR}/change_store.cc
)
