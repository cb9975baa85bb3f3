target_sources(outpost_client_ui PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/export_screen.cc
  ${CMAKE_CURRENT_LIST_DIR}/lock_screens.cc
  ${CMAKE_CURRENT_LIST_DIR}/screens.cc
  ${CMAKE_CURRENT_LIST_DIR}/signing_screen.cc
)
