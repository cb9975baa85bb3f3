// The client's files: right types, compressed, and revalidated by ETag.
#include "sync-server/static_files.h"

#include <doctest/doctest.h>
#include <zlib.h>

#include <fstream>

#include "tests/support/server_fixture.h"

using namespace outpost;

namespace {

std::string Gunzip(const std::string& data) {
  z_stream stream{};
  REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  REQUIRE(inflate(&stream, Z_FINISH) == Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

struct WebRoot {
  testing::TempDir dir;
  std::string wasm;
  WebRoot() {
    std::ofstream(dir.File("index.html")) << "<!doctype html><title>Outpost</title>"
                                          << std::string(2000, ' ') << "\n";
    for (int i = 0; i < 5000; ++i) wasm += static_cast<char>(i % 7);
    std::ofstream(dir.File("outpost.wasm"), std::ios::binary) << wasm;
  }
};

}  // namespace

TEST_CASE("the client's WebAssembly is served as application/wasm, gzip-compressed when accepted") {
  WebRoot root;
  testing::ServerFixture f(root.dir.path());
  auto client = f.Client();
  client->set_decompress(false);  // look at the bytes on the wire
  auto res = client->Get("/outpost.wasm", {{"Accept-Encoding", "gzip"}});
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "application/wasm");
  CHECK(res->get_header_value("Content-Encoding") == "gzip");
  CHECK(res->body.size() < root.wasm.size());
  CHECK(Gunzip(res->body) == root.wasm);
  auto plain = client->Get("/outpost.wasm");
  REQUIRE(plain);
  CHECK(plain->get_header_value("Content-Encoding").empty());
  CHECK(plain->body == root.wasm);
}

TEST_CASE("a file the browser already has is answered 304 by its ETag, and always revalidated") {
  WebRoot root;
  testing::ServerFixture f(root.dir.path());
  auto client = f.Client();
  auto first = client->Get("/");
  REQUIRE(first);
  CHECK(first->status == 200);
  CHECK(first->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(first->get_header_value("Cache-Control") == "no-cache");
  const std::string etag = first->get_header_value("ETag");
  REQUIRE(etag.size() == 66);
  auto again = client->Get("/index.html", {{"If-None-Match", etag}});
  REQUIRE(again);
  CHECK(again->status == 304);
  CHECK(again->body.empty());
}

TEST_CASE("paths outside the client's files are not found, and the API still answers") {
  WebRoot root;
  testing::ServerFixture f(root.dir.path());
  auto client = f.Client();
  CHECK(client->Get("/../central.sqlite")->status == 404);
  CHECK(client->Get("/nothing-here.js")->status == 404);
  CHECK(client->Get("/api/v1/health")->status == 200);
}

TEST_CASE("content types are chosen by extension, unknown ones as octet-stream") {
  CHECK(server::ContentTypeFor("sw.js") == "text/javascript; charset=utf-8");
  CHECK(server::ContentTypeFor("manifest.webmanifest") == "application/manifest+json");
  CHECK(server::ContentTypeFor("icon-192.png") == "image/png");
  CHECK(server::ContentTypeFor("central.sqlite") == "application/octet-stream");
}

TEST_CASE("what a browser offers (gzip and br) gets each answer compressed once, with gzip") {
  WebRoot root;
  testing::ServerFixture f(root.dir.path());
  auto client = f.Client();
  client->set_decompress(false);  // look at the bytes on the wire
  const httplib::Headers chromium = {{"Accept-Encoding", "gzip, deflate, br"}};
  auto page = client->Get("/index.html", chromium);
  REQUIRE(page);
  CHECK(page->get_header_value_count("Content-Encoding") == 1);
  CHECK(page->get_header_value("Content-Encoding") == "gzip");
  CHECK(Gunzip(page->body).rfind("<!doctype html>", 0) == 0);
  // An API answer: gzip from httplib, never its slowest Brotli.
  auto health = client->Get("/api/v1/health", chromium);
  REQUIRE(health);
  CHECK(health->get_header_value("Content-Encoding") != "br");
}
