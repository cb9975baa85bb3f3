// Runs one of the server's one-shot commands (sync-server/commands.h) in the test process, as
// `outpost-sync-server <args...>` would, with `input` on its standard input, and returns its exit
// code and what it printed.
#ifndef OUTPOST_TESTS_SUPPORT_SERVER_COMMAND_H_
#define OUTPOST_TESTS_SUPPORT_SERVER_COMMAND_H_

#include <cstdio>
#include <string>
#include <vector>

#include "sync-server/commands.h"

namespace outpost::testing {

struct CommandRun {
  int code;
  std::string out;
  std::string err;
};

inline CommandRun RunServerCommand(const std::vector<std::string>& args,
                                   const std::string& input = "") {
  auto drain = [](std::FILE* file) {
    std::rewind(file);
    std::string text;
    char buffer[4096];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, n);
    std::fclose(file);
    return text;
  };
  std::FILE* in = std::tmpfile();
  std::fputs(input.c_str(), in);
  std::rewind(in);
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  const int code = server::RunCommand(args, in, out, err);
  std::fclose(in);
  return {code, drain(out), drain(err)};
}

}  // namespace outpost::testing

#endif  // OUTPOST_TESTS_SUPPORT_SERVER_COMMAND_H_
