#include "wasm-client/platform/export_web.h"

#include <emscripten.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <utility>

namespace outpost::client::web {
namespace {

// Operations waiting for their JS answer, by id.
std::map<int, std::function<void(int code, std::string text)>>& Pending() {
  static auto* pending = new std::map<int, std::function<void(int, std::string)>>();
  return *pending;
}

int Expect(std::function<void(int code, std::string text)> answer) {
  static int next_id = 0;
  Pending()[++next_id] = std::move(answer);
  return next_id;
}

}  // namespace
}  // namespace outpost::client::web

extern "C" {

// The JS side hands back a malloc'ed text (or null), which this function frees.
EMSCRIPTEN_KEEPALIVE void outpost_export_reply(int id, int code, char* text) {
  auto& pending = outpost::client::web::Pending();
  auto it = pending.find(id);
  std::string value = text != nullptr ? text : "";
  std::free(text);
  if (it == pending.end()) return;
  auto answer = std::move(it->second);
  pending.erase(it);
  answer(code, std::move(value));
}

}  // extern "C"

namespace outpost::client::web {
namespace {

// Answers `id` with code 0 and `text`, or 1 and "Name: message", always through setTimeout.
EM_JS(void, outpost_export_run, (int id, int kind, const char* a_c, const char* b_c, int iterations), {
  var reply = function(code, text) {
    var n = lengthBytesUTF8(text) + 1;
    var p = _malloc(n);
    stringToUTF8(text, p, n);
    setTimeout(function() { _outpost_export_reply(id, code, p); }, 0);
  };
  var a = UTF8ToString(a_c);
  var b = UTF8ToString(b_c);
  var base64 = function(bytes) {
    var s = "";
    for (var i = 0; i < bytes.length; i += 0x8000)
      s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(s);
  };
  var seal = async function(plaintext, passphrase) {
    var enc = new TextEncoder();
    var salt = crypto.getRandomValues(new Uint8Array(16));
    var iv = crypto.getRandomValues(new Uint8Array(12));
    // NFC: the same letters give the same key however a keyboard composed them (ŵ typed as one
    // character here, as w and a combining circumflex there); import-export reads it as typed.
    var base = await crypto.subtle.importKey('raw', enc.encode(passphrase.normalize('NFC')),
                                             'PBKDF2', false,
                                             ['deriveKey']);
    var key = await crypto.subtle.deriveKey(
      {name: 'PBKDF2', hash: 'SHA-256', salt: salt, iterations: iterations}, base,
      {name: 'AES-GCM', length: 256}, false, ['encrypt']);
    var sealed = new Uint8Array(await crypto.subtle.encrypt(
      {name: 'AES-GCM', iv: iv, additionalData: enc.encode('outpost-export-v1')}, key,
      enc.encode(plaintext)));
    return base64(salt) + ' ' + base64(iv) + ' ' + base64(sealed);
  };
  var save = async function(name, text) {
    var url = URL.createObjectURL(new Blob([text], {type: 'application/json'}));
    var link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function() { URL.revokeObjectURL(url); }, 60000);
    return "";
  };
  var work;
  try {
    work = kind === 0 ? seal(a, b) : save(a, b);
  } catch (e) {
    work = Promise.reject(e);
  }
  work.then(function(text) { reply(0, text); }, function(err) {
    reply(1, ((err && err.name) || 'Error') + ': ' + ((err && err.message) || String(err)));
  });
});

}  // namespace

void SealExport(std::string plaintext, std::string passphrase, sync::ExportEnvelope envelope,
                std::function<void(StatusOr<sync::ExportEnvelope>)> done) {
  const int iterations = envelope.iterations;
  const int id = Expect([envelope = std::move(envelope), done = std::move(done)](
                            int code, std::string text) mutable {
    if (code != 0) return done(Status::Internal("export.encrypt", text));
    const size_t a = text.find(' ');
    const size_t b = a == std::string::npos ? a : text.find(' ', a + 1);
    if (b == std::string::npos) return done(Status::Internal("export.encrypt", "malformed answer"));
    envelope.salt = text.substr(0, a);
    envelope.iv = text.substr(a + 1, b - a - 1);
    envelope.ciphertext = text.substr(b + 1);
    done(std::move(envelope));
  });
  outpost_export_run(id, 0, plaintext.c_str(), passphrase.c_str(), iterations);
  // The copies handed to JS were read synchronously; wipe the passphrase's.
  std::fill(passphrase.begin(), passphrase.end(), '\0');
}

void SaveFile(std::string file_name, std::string contents, std::function<void(Status)> done) {
  const int id = Expect([done = std::move(done)](int code, std::string text) {
    done(code == 0 ? Status::Ok() : Status::Unavailable("export.save", text));
  });
  outpost_export_run(id, 1, file_name.c_str(), contents.c_str(), 0);
}

}  // namespace outpost::client::web
