// StaticSite: the tablet client's files, served from memory with the headers that let the
// service worker update the app safely.
//
// Loaded once at start-up from the web root (the built outpost.js and outpost.wasm plus
// web-root/). Every response carries a strong ETag (SHA-256 of the content) and
// "Cache-Control: no-cache", so the browser revalidates each time and gets a 304 when nothing
// changed; the service worker, not the HTTP cache, decides what works offline. Types are set
// explicitly (application/wasm, so browsers stream-compile it). Text, JavaScript and WebAssembly
// are gzip-compressed once at load and sent compressed to clients that accept gzip.
#ifndef OUTPOST_SYNC_SERVER_STATIC_FILES_H_
#define OUTPOST_SYNC_SERVER_STATIC_FILES_H_

#include <map>
#include <string>

#include "shared/base/status_or.h"

namespace outpost::server {

struct StaticFile {
  std::string content_type;
  std::string body;
  std::string gzip_body;  // empty when compression does not pay
  std::string etag;       // quoted, as sent
};

class StaticSite {
 public:
  // Reads every regular file under `root` (recursively). InvalidArgument if `root` is not a folder.
  static StatusOr<StaticSite> Load(const std::string& root);

  // The file for a request path ("/" is "/index.html"), or nullptr. Paths with ".." never match.
  const StaticFile* Find(const std::string& path) const;

  size_t size() const { return files_.size(); }

 private:
  std::map<std::string, StaticFile> files_;  // by URL path, e.g. "/outpost.wasm"
};

// The MIME type for a file name, by extension; application/octet-stream when unknown.
std::string ContentTypeFor(const std::string& name);

// `data` compressed in gzip format.
std::string Gzip(const std::string& data);

}  // namespace outpost::server

#endif  // OUTPOST_SYNC_SERVER_STATIC_FILES_H_
