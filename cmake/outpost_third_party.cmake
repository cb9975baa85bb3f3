# Locates what Outpost builds against, as imported or interface targets:
#   outpost::sqlite3   the system libsqlite3 natively; the amalgamation compiled once in wasm
#   outpost::json      nlohmann-json (header only, Debian's package)
#   outpost::doctest   doctest (native tests only)
#   outpost::httplib   cpp-httplib with OpenSSL (server only)
#   outpost::imgui     Dear ImGui 1.86: with the GLFW and OpenGL3 backends in wasm, the core only
#                      natively (for the client's doctest suites)
# The amalgamation and imgui come from Debian source packages that tools/install-deps unpacks into
# .cache/third_party (or OUTPOST_THIRD_PARTY_DIR); they are never committed.
set(OUTPOST_THIRD_PARTY_DIR "${PROJECT_SOURCE_DIR}/.cache/third_party"
    CACHE PATH "Where tools/install-deps unpacked imgui and the SQLite amalgamation")

# nlohmann-json: emscripten must not see the host's /usr/include, so expose only its folder
# through a private include root in the build tree.
set(outpost_json_root "${CMAKE_BINARY_DIR}/third_party_include")
if(NOT EXISTS "${outpost_json_root}/nlohmann")
  file(MAKE_DIRECTORY "${outpost_json_root}")
  file(CREATE_LINK /usr/include/nlohmann "${outpost_json_root}/nlohmann" SYMBOLIC)
endif()
add_library(outpost_json INTERFACE)
target_include_directories(outpost_json SYSTEM INTERFACE "${outpost_json_root}")
target_compile_definitions(outpost_json INTERFACE JSON_NOEXCEPTION=1)
add_library(outpost::json ALIAS outpost_json)

if(EMSCRIPTEN)
  set(outpost_sqlite_dir "${OUTPOST_THIRD_PARTY_DIR}/sqlite")
  if(NOT EXISTS "${outpost_sqlite_dir}/sqlite3.c")
    message(FATAL_ERROR "SQLite amalgamation missing in ${outpost_sqlite_dir}: run tools/install-deps")
  endif()
  add_library(outpost_sqlite3 STATIC "${outpost_sqlite_dir}/sqlite3.c")
  target_include_directories(outpost_sqlite3 SYSTEM PUBLIC "${outpost_sqlite_dir}")
  # The browser build has no threads and no dynamic extensions; WAL needs shared memory that
  # the in-memory file system cannot give, so the client uses a rollback journal.
  target_compile_definitions(outpost_sqlite3 PRIVATE
    SQLITE_THREADSAFE=0 SQLITE_OMIT_LOAD_EXTENSION SQLITE_DEFAULT_MEMSTATUS=0
    SQLITE_DQS=0 SQLITE_OMIT_DEPRECATED)
  target_compile_options(outpost_sqlite3 PRIVATE -O2 -w)
  add_library(outpost::sqlite3 ALIAS outpost_sqlite3)

  set(outpost_imgui_dir "${OUTPOST_THIRD_PARTY_DIR}/imgui")
  if(NOT EXISTS "${outpost_imgui_dir}/imgui.cpp")
    message(FATAL_ERROR "Dear ImGui sources missing in ${outpost_imgui_dir}: run tools/install-deps")
  endif()
  add_library(outpost_imgui STATIC
    "${outpost_imgui_dir}/imgui.cpp"
    "${outpost_imgui_dir}/imgui_draw.cpp"
    "${outpost_imgui_dir}/imgui_tables.cpp"
    "${outpost_imgui_dir}/imgui_widgets.cpp"
    "${outpost_imgui_dir}/backends/imgui_impl_glfw.cpp"
    "${outpost_imgui_dir}/backends/imgui_impl_opengl3.cpp")
  target_include_directories(outpost_imgui SYSTEM PUBLIC
    "${outpost_imgui_dir}" "${outpost_imgui_dir}/backends")
  target_compile_options(outpost_imgui PRIVATE -O2 -w)
  target_compile_options(outpost_imgui PUBLIC -sUSE_GLFW=3)
  add_library(outpost::imgui ALIAS outpost_imgui)
else()
  find_package(SQLite3 REQUIRED)
  add_library(outpost::sqlite3 ALIAS SQLite::SQLite3)
  find_package(Threads REQUIRED)
  find_package(OpenSSL 3 REQUIRED)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
  add_library(outpost_httplib INTERFACE)
  target_link_libraries(outpost_httplib INTERFACE PkgConfig::HTTPLIB OpenSSL::SSL OpenSSL::Crypto
                        Threads::Threads)
  add_library(outpost::httplib ALIAS outpost_httplib)
  find_package(doctest REQUIRED)
  add_library(outpost::doctest ALIAS doctest::doctest)

  # Natively, the client's app/, screens/ and widgets/ are built for their doctest suites: the
  # ImGui core only, no platform backend (tests drive frames with a headless context).
  set(outpost_imgui_dir "${OUTPOST_THIRD_PARTY_DIR}/imgui")
  if(EXISTS "${outpost_imgui_dir}/imgui.cpp")
    add_library(outpost_imgui STATIC
      "${outpost_imgui_dir}/imgui.cpp"
      "${outpost_imgui_dir}/imgui_draw.cpp"
      "${outpost_imgui_dir}/imgui_tables.cpp"
      "${outpost_imgui_dir}/imgui_widgets.cpp")
    target_include_directories(outpost_imgui SYSTEM PUBLIC "${outpost_imgui_dir}")
    target_compile_options(outpost_imgui PRIVATE -O2 -w)
    add_library(outpost::imgui ALIAS outpost_imgui)
  endif()
endif()
