#include "sync-server/static_files.h"

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "shared/base/sha256.h"

namespace outpost::server {

std::string ContentTypeFor(const std::string& name) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".wasm", "application/wasm"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".png", "image/png"},
      {".svg", "image/svg+xml"},
      {".ico", "image/x-icon"},
      {".ttf", "font/ttf"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"}};
  auto it = kTypes.find(std::filesystem::path(name).extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

std::string Gzip(const std::string& data) {
  z_stream stream{};
  // windowBits 15 + 16: a gzip header and trailer rather than zlib's.
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    return {};
  std::string out(deflateBound(&stream, data.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return rc == Z_STREAM_END ? out : std::string();
}

StatusOr<StaticSite> StaticSite::Load(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return Status::InvalidArgument("--web-root", root + " is not a folder");
  StaticSite site;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    if (!in) return Status::Unavailable(it->path().string(), "cannot read");
    std::stringstream body;
    body << in.rdbuf();
    StaticFile file;
    file.body = body.str();
    file.content_type = ContentTypeFor(it->path().filename().string());
    file.etag = "\"" + Sha256Hex(file.body) + "\"";
    const bool compressible = file.content_type.rfind("text/", 0) == 0 ||
                              file.content_type == "application/wasm" ||
                              file.content_type.find("json") != std::string::npos ||
                              file.content_type == "image/svg+xml";
    if (compressible && file.body.size() > 256) {
      std::string gz = Gzip(file.body);
      if (!gz.empty() && gz.size() < file.body.size()) file.gzip_body = std::move(gz);
    }
    std::string path = "/" + fs::relative(it->path(), root).generic_string();
    site.files_[path] = std::move(file);
  }
  if (ec) return Status::Unavailable(root, "cannot list the folder: " + ec.message());
  return site;
}

const StaticFile* StaticSite::Find(const std::string& path) const {
  if (path.find("..") != std::string::npos) return nullptr;
  auto it = files_.find(path == "/" ? "/index.html" : path);
  return it == files_.end() ? nullptr : &it->second;
}

}  // namespace outpost::server
