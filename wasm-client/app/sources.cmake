target_sources(outpost_client_ui PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/app.cc
  ${CMAKE_CURRENT_LIST_DIR}/device_lock.cc
  ${CMAKE_CURRENT_LIST_DIR}/uk_time.cc
  ${CMAKE_CURRENT_LIST_DIR}/words.cc
)
