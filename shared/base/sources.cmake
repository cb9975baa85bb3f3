# shared/base files owned by the rules engine work; status.cc is listed in shared/CMakeLists.txt.
target_sources(outpost_shared PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/civil_date.cc
)
