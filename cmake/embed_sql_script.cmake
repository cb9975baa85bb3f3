# Script mode: writes OUTPUT, a C++ file defining outpost::store::kEmbeddedMigrations from the
cmake_policy(SET CMP0057 NEW)  # if(... IN_LIST ...)
# SOURCES list of schema/<side>/NNNN_name.sql files (see schema/README.md for the rules).
# Order by migration number, whatever folder a file sits in.
set(keyed "")
foreach(path IN LISTS SOURCES)
  get_filename_component(name "${path}" NAME)
  list(APPEND keyed "${name}|${path}")
endforeach()
list(SORT keyed)
set(entries "")
set(seen_numbers "")
foreach(key IN LISTS keyed)
  string(REGEX REPLACE "^[^|]*\\|" "" path "${key}")
  get_filename_component(name "${path}" NAME)
  get_filename_component(dir "${path}" DIRECTORY)
  get_filename_component(side "${dir}" NAME)
  if(NOT name MATCHES "^([0-9][0-9][0-9][0-9])_[a-z0-9_]+\\.sql$")
    message(FATAL_ERROR "${path}: migration files are named NNNN_lower_case.sql")
  endif()
  set(number "${CMAKE_MATCH_1}")
  if(number IN_LIST seen_numbers)
    message(FATAL_ERROR "${path}: migration number ${number} is used twice")
  endif()
  list(APPEND seen_numbers "${number}")
  math(EXPR number_value "${number}")
  file(READ "${path}" sql)
  if(sql MATCHES "\\)outpost_sql\"")
    message(FATAL_ERROR "${path}: contains the raw-string terminator")
  endif()
  string(APPEND entries
    "    {${number_value}, \"${side}\", \"${name}\", R\"outpost_sql(${sql})outpost_sql\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp"
"// Generated from schema/ by cmake/embed_sql_script.cmake. Do not edit.\n"
"#include \"shared/store/embedded_schema.h\"\n\n"
"namespace outpost::store {\n\n"
"const std::vector<EmbeddedMigration>& EmbeddedMigrations() {\n"
"  static const std::vector<EmbeddedMigration> kMigrations = {\n${entries}  };\n"
"  return kMigrations;\n}\n\n}  // namespace outpost::store\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
