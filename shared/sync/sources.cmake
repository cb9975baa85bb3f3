target_sources(outpost_shared PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/change.cc
  ${CMAKE_CURRENT_LIST_DIR}/codec.cc
  ${CMAKE_CURRENT_LIST_DIR}/export_file.cc
  ${CMAKE_CURRENT_LIST_DIR}/hlc.cc
  ${CMAKE_CURRENT_LIST_DIR}/json_text.cc
  ${CMAKE_CURRENT_LIST_DIR}/session.cc
)
