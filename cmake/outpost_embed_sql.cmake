# outpost_embed_sql(TARGET name OUTPUT file.cc SOURCES a.sql b.sql ...)
# Generates a .cc holding every schema file as a string constant, at build time, so both binaries
# carry their migrations and an edited .sql re-generates it. The generator (embed_sql_script.cmake)
# checks that migration numbers are unique across schema/common, schema/client and schema/server.
function(outpost_embed_sql)
  cmake_parse_arguments(ARG "" "OUTPUT" "SOURCES" ${ARGN})
  add_custom_command(
    OUTPUT "${ARG_OUTPUT}"
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${ARG_OUTPUT} "-DSOURCES=${ARG_SOURCES}"
            -P "${PROJECT_SOURCE_DIR}/cmake/embed_sql_script.cmake"
    DEPENDS ${ARG_SOURCES} "${PROJECT_SOURCE_DIR}/cmake/embed_sql_script.cmake"
    COMMENT "Embedding schema migrations"
    VERBATIM)
endfunction()
