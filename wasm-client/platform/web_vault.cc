#include "wasm-client/platform/web_vault.h"

#include <emscripten.h>

#include <cassert>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace outpost::client::web {
namespace {

WebVault* g_vault = nullptr;

// Reply codes shared with the JS below.
constexpr int kOk = 0, kWrongSecret = 1, kQuota = 2, kCorrupt = 4;

}  // namespace
}  // namespace outpost::client::web

extern "C" {

// The JS side hands back a malloc'ed text (or null), which this function frees.
EMSCRIPTEN_KEEPALIVE void outpost_web_vault_reply(int id, int code, char* text) {
  if (outpost::client::web::g_vault != nullptr)
    outpost::client::web::g_vault->OnReply(id, code, text);
  std::free(text);
}

}  // extern "C"

namespace {

// The JS half: state (the data key while unlocked, the open database) lives on
// Module.outpostVault; every operation ends in exactly one reply, through setTimeout so never
// inside the call. Errors become "Name: message" with a code (web_vault.h, OnReply).
EM_JS(void, outpost_vault_install, (), {
  var V = {db: null, key: null, raw: null, meta: null};
  Module.outpostVault = V;
  var enc = new TextEncoder();
  V.reply = function(id, code, text) {
    var p = 0;
    if (text !== null && text !== undefined) {
      var n = lengthBytesUTF8(text) + 1;
      p = _malloc(n);
      stringToUTF8(text, p, n);
    }
    setTimeout(function() { _outpost_web_vault_reply(id, code, p); }, 0);
  };
  V.error = function(name, message) {
    var e = new Error(message);
    e.name = name;
    return e;
  };
  V.run = function(id, work) {
    work().then(function(text) { V.reply(id, 0, text === undefined ? null : text); },
                function(err) {
      var name = (err && err.name) || 'Error';
      var message = (err && err.message) || String(err);
      var code = name === 'OutpostWrongSecret' ? 1 : name === 'QuotaExceededError' ? 2
                 : name === 'OutpostCorrupt' ? 4 : 3;
      V.reply(id, code, name + ': ' + message);
    });
  };
  V.get = function(key) {
    return new Promise(function(ok, no) {
      var r = V.db.transaction('vault', 'readonly').objectStore('vault').get(key);
      r.onsuccess = function() { ok(r.result); };
      r.onerror = function() { no(r.error); };
    });
  };
  // Resolves on the transaction's complete event only: durable as far as the browser promises.
  // A failed request aborts the transaction, and abort carries the error (QuotaExceededError).
  V.write = function(fill) {
    return new Promise(function(ok, no) {
      var tx = V.db.transaction('vault', 'readwrite');
      fill(tx.objectStore('vault'));
      tx.oncomplete = function() { ok(); };
      tx.onabort = function() { no(tx.error || V.error('AbortError', 'transaction aborted')); };
    });
  };
  V.aad = function(text) { return enc.encode(text); };
  V.derive = function(secret, salt, iterations) {
    return crypto.subtle.importKey('raw', enc.encode(secret), 'PBKDF2', false, ['deriveKey'])
      .then(function(base) {
        return crypto.subtle.deriveKey(
          {name: 'PBKDF2', hash: 'SHA-256', salt: salt, iterations: iterations}, base,
          {name: 'AES-GCM', length: 256}, false, ['encrypt', 'decrypt']);
      });
  };
  V.useKey = function(raw) {
    return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt'])
      .then(function(key) { V.raw = raw; V.key = key; });
  };
  V.makeSlot = async function(kind, secret, iterations) {
    var salt = crypto.getRandomValues(new Uint8Array(16));
    var iv = crypto.getRandomValues(new Uint8Array(12));
    var kek = await V.derive(secret, salt, iterations);
    var wrapped = new Uint8Array(await crypto.subtle.encrypt(
      {name: 'AES-GCM', iv: iv, additionalData: V.aad('outpost-slot-' + kind + '-v1')}, kek, V.raw));
    return {salt: salt, iterations: iterations, iv: iv, wrapped: wrapped};
  };
  // The old build's IDBFS database (web_vault.h): {path: contents} of its files, or null when
  // it does not exist. Opening without a version never upgrades an existing database; a new
  // one is aborted in its upgrade, so looking never creates it.
  V.readLegacy = function(name) {
    return new Promise(function(ok, no) {
      var fresh = false;
      var r = indexedDB.open(name);
      r.onupgradeneeded = function(e) {
        if (e.oldVersion === 0) { fresh = true; r.transaction.abort(); }
      };
      r.onerror = function(e) {
        if (fresh) { e.preventDefault(); ok(null); } else { no(r.error); }
      };
      r.onblocked = function() { no(V.error('BlockedError', 'the old build holds ' + name)); };
      r.onsuccess = function() {
        var db = r.result;
        if (!db.objectStoreNames.contains('FILE_DATA')) { db.close(); return ok(null); }
        var store = db.transaction('FILE_DATA', 'readonly').objectStore('FILE_DATA');
        var keys = store.getAllKeys();
        var values = store.getAll();
        values.onsuccess = function() {
          db.close();
          var files = {}, any = false;
          for (var i = 0; i < keys.result.length; ++i) {
            var entry = values.result[i];
            if (entry && entry.contents && String(keys.result[i]).indexOf(name + '/') === 0) {
              files[keys.result[i]] = new Uint8Array(entry.contents);
              any = true;
            }
          }
          ok(any ? files : null);
        };
        values.onerror = function() { db.close(); no(values.error); };
      };
    });
  };
  V.restoreLegacy = function() {
    for (var path in V.legacy) FS.writeFile(path, V.legacy[path]);
  };
  V.dropLegacy = function() {
    for (var path in V.legacy || {}) V.legacy[path].fill(0);
    V.legacy = null;
  };
  // The replica in blocks (web_vault.h): record names, additional data, the sealed index.
  V.blockKey = function(i) { return 'replica/' + i; };
  V.blockRange = function() { return IDBKeyRange.bound('replica/', 'replica/\uffff'); };
  V.blockAad = function(i, gen) {
    return enc.encode('outpost-replica-v2 block ' + i + ' gen ' + gen);
  };
  V.corrupt = function(what) {
    return V.error('OutpostCorrupt', 'the stored records are damaged (' + what + ')');
  };
  V.dropCopy = function() {
    if (V.last) V.last.fill(0);
    V.last = null;
    V.state = null;
  };
  // Values of `keys`, read in one transaction.
  V.getMany = function(keys) {
    return new Promise(function(ok, no) {
      var tx = V.db.transaction('vault', 'readonly');
      var store = tx.objectStore('vault');
      var out = new Array(keys.length);
      keys.forEach(function(k, i) {
        store.get(k).onsuccess = function(e) { out[i] = e.target.result; };
      });
      tx.oncomplete = function() { ok(out); };
      tx.onabort = function() { no(tx.error || V.error('AbortError', 'transaction aborted')); };
    });
  };
  V.countBlocks = function() {
    return new Promise(function(ok, no) {
      var r = V.db.transaction('vault', 'readonly').objectStore('vault').count(V.blockRange());
      r.onsuccess = function() { ok(r.result); };
      r.onerror = function() { no(r.error); };
    });
  };
  // True when bytes [start, start + size) of a and b are the same (and as long).
  V.sameBlock = function(a, b, start, size) {
    var end = Math.min(start + size, a.length);
    if (end !== Math.min(start + size, b.length)) return false;
    var i = start;
    if (((a.byteOffset + start) & 3) === 0 && ((b.byteOffset + start) & 3) === 0) {
      var n = (end - start) >> 2;
      var wa = new Int32Array(a.buffer, a.byteOffset + start, n);
      var wb = new Int32Array(b.buffer, b.byteOffset + start, n);
      for (var k = 0; k < n; ++k) if (wa[k] !== wb[k]) return false;
      i = start + n * 4;
    }
    for (; i < end; ++i) if (a[i] !== b[i]) return false;
    return true;
  };
  // The replica from "replica-meta" and its blocks: {plain, state}, or OutpostCorrupt.
  V.openBlocks = async function(key, rmeta) {
    if (rmeta.version !== 2) throw V.corrupt('replica format ' + rmeta.version + ' is unknown');
    var info;
    try {
      info = JSON.parse(new TextDecoder().decode(await crypto.subtle.decrypt(
        {name: 'AES-GCM', iv: rmeta.iv, additionalData: V.aad('outpost-replica-meta-v2')},
        key, rmeta.data)));
    } catch (e) {
      throw V.corrupt('the replica index does not decrypt');
    }
    var size = info.blockSize, count = info.count, length = info.length;
    if (!(size > 0) || !(length >= 0) || count !== Math.ceil(length / size) ||
        !Array.isArray(info.gens) || info.gens.length !== count || rmeta.length !== length ||
        rmeta.count !== count || rmeta.blockSize !== size)
      throw V.corrupt('the replica index is inconsistent');
    var keys = [];
    for (var i = 0; i < count; ++i) keys.push(V.blockKey(i));
    var blocks = await V.getMany(keys);
    var plain = new Uint8Array(length);
    try {
      await Promise.all(blocks.map(async function(b, i) {
        if (!b || !b.iv || !b.data) throw V.corrupt('block ' + i + ' is missing');
        var part;
        try {
          part = new Uint8Array(await crypto.subtle.decrypt(
            {name: 'AES-GCM', iv: b.iv, additionalData: V.blockAad(i, info.gens[i])}, key, b.data));
        } catch (e) {
          throw V.corrupt('block ' + i + ' does not decrypt');
        }
        if (part.length !== Math.min(size, length - i * size)) {
          part.fill(0);
          throw V.corrupt('block ' + i + ' has the wrong length');
        }
        plain.set(part, i * size);
        part.fill(0);
      }));
    } catch (e) {
      plain.fill(0);
      throw e;
    }
    return {plain: plain, state: {size: size, gen: info.gen, gens: info.gens}};
  };
  V.forget = function(path) {
    if (V.raw) V.raw.fill(0);
    V.raw = null;
    V.key = null;
    V.dropCopy();
    [path, path + '-journal'].forEach(function(p) {
      try { FS.unlink(p); } catch (e) {}
    });
  };
});

EM_JS(void, outpost_vault_open, (int id, const char* folder_c, const char* legacy_c), {
  var V = Module.outpostVault;
  var folder = UTF8ToString(folder_c);
  var legacy = UTF8ToString(legacy_c);
  V.run(id, async function() {
    try { FS.mkdirTree(folder); } catch (e) {}
    var out = {quota: -1, usage: -1, persisted: false, has_keys: false, has_pin: false, lock: ''};
    var storage = navigator.storage;
    // Without persistence the browser may evict the records under storage pressure.
    try { if (storage && storage.persist) out.persisted = await storage.persist(); } catch (e) {}
    try {
      if (storage && storage.estimate) {
        var estimate = await storage.estimate();
        out.quota = estimate.quota;
        out.usage = estimate.usage;
      }
    } catch (e) {}
    if (typeof indexedDB === 'undefined') throw V.error('NotSupportedError', 'no IndexedDB');
    V.db = await new Promise(function(ok, no) {
      var r = indexedDB.open('outpost-vault', 1);
      r.onupgradeneeded = function() { r.result.createObjectStore('vault'); };
      r.onsuccess = function() { ok(r.result); };
      r.onerror = function() { no(r.error); };
      r.onblocked = function() { no(V.error('BlockedError', 'another tab holds the database')); };
    });
    var meta = await V.get('meta');
    var lock = await V.get('lock');
    V.meta = meta || null;
    out.has_keys = !!(meta && meta.slots && meta.slots.password);
    out.has_pin = !!(meta && meta.slots && meta.slots.pin);
    out.lock = typeof lock === 'string' ? lock : '';
    V.legacy = await V.readLegacy(legacy);
    out.legacy = !!V.legacy;
    if (V.legacy && !out.has_keys) {
      V.restoreLegacy();
      V.dropLegacy();
    }
    return JSON.stringify(out);
  });
});

EM_JS(void, outpost_vault_create, (int id, const char* secret_c, int iterations), {
  var V = Module.outpostVault;
  var secret = UTF8ToString(secret_c);
  V.run(id, async function() {
    await V.useKey(crypto.getRandomValues(new Uint8Array(32)));
    var meta = {version: 1, slots: {password: await V.makeSlot('password', secret, iterations)}};
    // A replica from before belongs to keys that no longer exist: it could never be read.
    await V.write(function(store) {
      store.put(meta, 'meta');
      store.delete('replica');
      store.delete('replica-meta');
      store.delete(V.blockRange());
    });
    V.dropCopy();  // the next flush writes every block
    V.meta = meta;
  });
});

EM_JS(void, outpost_vault_store_slot, (int id, const char* kind_c, const char* secret_c,
                                       int iterations), {
  var V = Module.outpostVault;
  var kind = UTF8ToString(kind_c);
  var secret = UTF8ToString(secret_c);
  V.run(id, async function() {
    if (!V.raw || !V.meta) throw V.error('InvalidStateError', 'the tablet is locked');
    var slots = Object.assign({}, V.meta.slots);
    slots[kind] = await V.makeSlot(kind, secret, iterations);
    var meta = {version: 1, slots: slots};
    await V.write(function(store) { store.put(meta, 'meta'); });
    V.meta = meta;
  });
});

EM_JS(void, outpost_vault_unlock, (int id, const char* kind_c, const char* secret_c,
                                   const char* path_c), {
  var V = Module.outpostVault;
  var kind = UTF8ToString(kind_c);
  var secret = UTF8ToString(secret_c);
  var path = UTF8ToString(path_c);
  V.run(id, async function() {
    var meta = await V.get('meta');
    var slot = meta && meta.slots && meta.slots[kind];
    if (!slot) throw V.error('OutpostWrongSecret', 'no ' + kind + ' is set on this tablet');
    var kek = await V.derive(secret, slot.salt, slot.iterations);
    var raw;
    try {
      raw = new Uint8Array(await crypto.subtle.decrypt(
        {name: 'AES-GCM', iv: slot.iv, additionalData: V.aad('outpost-slot-' + kind + '-v1')},
        kek, slot.wrapped));
    } catch (e) {
      throw V.error('OutpostWrongSecret', 'the ' + kind + ' is not right');
    }
    var key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    var found = await V.getMany(['replica-meta', 'replica']);
    var plain = null, state = null;
    if (found[0]) {
      var opened = await V.openBlocks(key, found[0]);
      plain = opened.plain;
      state = opened.state;
    } else if (found[1]) {
      // The format before blocks: one record. The first flush converts it (state null).
      try {
        plain = new Uint8Array(await crypto.subtle.decrypt(
          {name: 'AES-GCM', iv: found[1].iv, additionalData: V.aad('outpost-replica-v1')},
          key, found[1].data));
      } catch (e) {
        throw V.error('OutpostCorrupt', 'the stored records do not decrypt with the right key');
      }
    } else if (await V.countBlocks()) {
      throw V.corrupt('blocks are stored without their index');
    }
    V.dropCopy();
    if (plain) {
      FS.writeFile(path, plain);
      if (state) {
        V.last = plain;  // what the store holds now: flushes compare against it
        V.state = state;
      } else {
        plain.fill(0);
      }
    } else if (V.legacy) {
      V.restoreLegacy();  // keys made, but the old build's replica never flushed encrypted
    }
    V.dropLegacy();
    V.meta = meta;
    V.raw = raw;
    V.key = key;
  });
});

EM_JS(void, outpost_vault_flush, (int id, const char* path_c, int size), {
  var V = Module.outpostVault;
  var path = UTF8ToString(path_c);
  V.run(id, async function() {
    var key = V.key;
    if (!key) throw V.error('InvalidStateError', 'the tablet is locked');
    var began = performance.now();
    var plain = null;
    try { plain = FS.readFile(path); } catch (e) {}
    if (!plain) return;  // no replica yet: nothing to keep
    // Read at once, so the snapshot is the file as it was when the flush began.
    var last = V.last, state = V.state;
    var full = !last || !state || state.size !== size;
    var gen = (state ? state.gen : 0) + 1;
    var count = Math.ceil(plain.length / size);
    var gens = new Array(count), changed = [];
    for (var i = 0; i < count; ++i) {
      if (!full && i < state.gens.length && V.sameBlock(plain, last, i * size, size)) {
        gens[i] = state.gens[i];
      } else {
        gens[i] = gen;
        changed.push(i);
      }
    }
    var sealed = await Promise.all(changed.map(async function(i) {
      var iv = crypto.getRandomValues(new Uint8Array(12));
      var data = new Uint8Array(await crypto.subtle.encrypt(
        {name: 'AES-GCM', iv: iv, additionalData: V.blockAad(i, gen)}, key,
        plain.subarray(i * size, Math.min((i + 1) * size, plain.length))));
      return {i: i, record: {iv: iv, data: data}};
    }));
    var info = {length: plain.length, blockSize: size, count: count, gen: gen, gens: gens};
    var iv = crypto.getRandomValues(new Uint8Array(12));
    var index = {version: 2, length: plain.length, blockSize: size, count: count, iv: iv,
                 data: new Uint8Array(await crypto.subtle.encrypt(
                   {name: 'AES-GCM', iv: iv, additionalData: V.aad('outpost-replica-meta-v2')},
                   key, V.aad(JSON.stringify(info))))};
    var before = full ? 0 : state.gens.length;
    var written = 0;
    var sealedAt = performance.now();
    if (changed.length === 0 && count === before) {
      plain.fill(0);  // the stored records already hold this file
      V.flushed = {at: performance.now(), bytes: plain.length + 16 * count, written: 0,
                   blocks: 0, count: count};
      return;
    }
    await V.write(function(store) {
      if (full) {
        store.delete(V.blockRange());
        store.delete('replica');  // the format before blocks, converted now
      }
      sealed.forEach(function(s) {
        store.put(s.record, V.blockKey(s.i));
        written += s.record.data.length;
      });
      for (var i = count; i < before; ++i) store.delete(V.blockKey(i));  // the file shrank
      store.put(index, 'replica-meta');
    }).catch(function(err) {
      plain.fill(0);  // the records stay as the last flush left them, V.last with them
      throw err;
    });
    if (V.key === key) {
      if (V.last && V.last !== plain) V.last.fill(0);
      V.last = plain;
      V.state = {size: size, gen: gen, gens: gens};
    } else {
      plain.fill(0);  // locked meanwhile: keep no copy
    }
    // For tests/bench/client_bench.mjs: when the last flush became durable, the replica's
    // stored size, and what this flush wrote.
    V.flushed = {at: performance.now(), bytes: plain.length + 16 * count, written: written,
                 blocks: changed.length, count: count, began: began, sealed: sealedAt};
  });
});

EM_JS(void, outpost_vault_delete_legacy, (int id, const char* legacy_c), {
  var V = Module.outpostVault;
  var legacy = UTF8ToString(legacy_c);
  V.run(id, async function() {
    if (!V.key || !(await V.get('replica-meta') || await V.get('replica')))
      throw V.error('OutpostNotEncrypted', 'no encrypted copy of the records is stored yet');
    await new Promise(function(ok, no) {
      var r = indexedDB.deleteDatabase(legacy);
      r.onsuccess = function() { ok(); };
      r.onerror = function() { no(r.error); };
    });
  });
});

EM_JS(void, outpost_vault_save_lock, (int id, const char* json_c), {
  var V = Module.outpostVault;
  var json = UTF8ToString(json_c);
  V.run(id, function() { return V.write(function(store) { store.put(json, 'lock'); }); });
});

EM_JS(void, outpost_vault_forget, (const char* path_c), {
  Module.outpostVault.forget(UTF8ToString(path_c));
});

EM_JS(void, outpost_vault_erase, (int id, const char* path_c, const char* legacy_c), {
  var V = Module.outpostVault;
  var path = UTF8ToString(path_c);
  var legacy = UTF8ToString(legacy_c);
  V.forget(path);
  V.meta = null;
  V.dropLegacy();
  V.run(id, async function() {
    await V.write(function(store) { store.clear(); });
    // The old build's unencrypted copy, if one is left, goes too.
    await new Promise(function(ok, no) {
      var r = indexedDB.deleteDatabase(legacy);
      r.onsuccess = function() { ok(); };
      r.onerror = function() { no(r.error); };
    });
  });
});

}  // namespace

namespace outpost::client::web {

WebVault::WebVault() {
  assert(g_vault == nullptr && "only one WebVault per page");
  g_vault = this;
  outpost_vault_install();
}

WebVault::~WebVault() { g_vault = nullptr; }

int WebVault::Start(std::function<void(int, std::string)> reply) {
  const int id = next_id_++;
  pending_.emplace_back(id, std::move(reply));
  return id;
}

void WebVault::OnReply(int id, int code, const char* text) {
  for (auto it = pending_.begin(); it != pending_.end(); ++it) {
    if (it->first != id) continue;
    auto reply = std::move(it->second);
    pending_.erase(it);
    reply(code, text ? text : "");
    return;
  }
}

void WebVault::Open(std::function<void(StatusOr<VaultOpened>)> done) {
  int id = Start([this, done = std::move(done)](int code, std::string text) {
    if (code != kOk) return done(Status::Unavailable("vault.open", "IndexedDB: " + text));
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded()) return done(Status::Internal("vault.open", "unreadable reply"));
    VaultOpened opened;
    opened.has_keys = j.value("has_keys", false);
    opened.has_pin = j.value("has_pin", false);
    opened.lock_record = j.value("lock", "");
    opened.quota_bytes = j.value("quota", -1.0);
    opened.usage_bytes = j.value("usage", -1.0);
    opened.persisted = j.value("persisted", false);
    opened.legacy_replica = j.value("legacy", false);
    keys_ = opened.has_keys ? Keys::kLocked : Keys::kNone;
    done(std::move(opened));
  });
  outpost_vault_open(id, kFolder, kLegacyDatabase);
}

namespace {

Status FlushStatus(int code, const std::string& text) {
  if (code == kOk) return Status::Ok();
  if (code == kQuota)
    return Status::Unavailable("persist.quota",
                               "the tablet's browser storage for Outpost is full; not saved: " + text);
  return Status::Unavailable("persist.flush", "could not save to browser storage: " + text);
}

}  // namespace

void WebVault::CreateKeys(const std::string& password, Done done) {
  keys_ = Keys::kCreating;
  int id = Start([this, done = std::move(done)](int code, std::string text) {
    Status status = FlushStatus(code, text);
    if (status.ok()) {
      keys_ = Keys::kUnlocked;
      if (!flush_running_ && !next_waiters_.empty()) {
        running_waiters_ = std::move(next_waiters_);
        next_waiters_.clear();
        StartFlushRun();
      }
    } else {
      // No key stored: refuse every flush rather than keep records no one could decrypt.
      std::vector<Done> waiting = std::move(next_waiters_);
      next_waiters_.clear();
      for (Done& w : waiting) w(status);
    }
    done(status);
  });
  outpost_vault_create(id, password.c_str(), kIterations);
}

void WebVault::StoreSlot(const std::string& kind, const std::string& secret, Done done) {
  int id = Start([done = std::move(done)](int code, std::string text) {
    done(FlushStatus(code, text));
  });
  outpost_vault_store_slot(id, kind.c_str(), secret.c_str(), kIterations);
}

void WebVault::Unlock(const std::string& kind, const std::string& secret, Done done) {
  int id = Start([this, done = std::move(done)](int code, std::string text) {
    if (code == kOk) {
      keys_ = Keys::kUnlocked;
      return done(Status::Ok());
    }
    if (code == kWrongSecret) return done(Status::PermissionDenied("unlock", text));
    if (code == kCorrupt) return done(Status::DataLoss("vault.replica", text));
    done(Status::Unavailable("vault.read", "could not read browser storage: " + text));
  });
  outpost_vault_unlock(id, kind.c_str(), secret.c_str(), kReplica);
}

void WebVault::Flush(Done done) {
  if (keys_ == Keys::kNone) {
    // Nothing to protect before a sign-in, so nothing is kept: the App has no records yet.
    emscripten_async_call(
        [](void* arg) {
          std::unique_ptr<Done> d(static_cast<Done*>(arg));
          (*d)(Status::Ok());
        },
        new Done(std::move(done)), 0);
    return;
  }
  if (keys_ == Keys::kCreating || flush_running_) {
    next_waiters_.push_back(std::move(done));
    return;
  }
  if (keys_ == Keys::kLocked) {
    emscripten_async_call(
        [](void* arg) {
          std::unique_ptr<Done> d(static_cast<Done*>(arg));
          (*d)(Status::FailedPrecondition("vault", "the tablet is locked, so nothing is saved"));
        },
        new Done(std::move(done)), 0);
    return;
  }
  running_waiters_.push_back(std::move(done));
  StartFlushRun();
}

void WebVault::StartFlushRun() {
  flush_running_ = true;
  int id = Start([this](int code, std::string text) { FinishFlushRun(FlushStatus(code, text)); });
  outpost_vault_flush(id, kReplica, kBlockSize);
}

void WebVault::FinishFlushRun(Status status) {
  std::vector<Done> finished = std::move(running_waiters_);
  running_waiters_.clear();
  flush_running_ = false;
  if (!next_waiters_.empty() && keys_ == Keys::kUnlocked) {
    running_waiters_ = std::move(next_waiters_);
    next_waiters_.clear();
    StartFlushRun();
  }
  // Callbacks last: one of them may call Flush() again, which must see the settled state.
  for (Done& done : finished) done(status);
}

void WebVault::RetireLegacy(Done done) {
  Flush([this, done = std::move(done)](Status flushed) {
    if (!flushed.ok()) return done(flushed);
    if (!unlocked())
      return done(
          Status::FailedPrecondition("vault.legacy", "no data key yet: the old records stay"));
    int id = Start([done](int code, std::string text) {
      if (code == kOk) return done(Status::Ok());
      done(Status::Unavailable("vault.legacy",
                               "the old unencrypted records were not deleted: " + text));
    });
    outpost_vault_delete_legacy(id, kLegacyDatabase);
  });
}

void WebVault::SaveLockRecord(const std::string& json, Done done) {
  int id = Start([done = std::move(done)](int code, std::string text) {
    done(FlushStatus(code, text));
  });
  outpost_vault_save_lock(id, json.c_str());
}

void WebVault::Lock() {
  outpost_vault_forget(kReplica);
  if (keys_ == Keys::kUnlocked) keys_ = Keys::kLocked;
}

void WebVault::Erase(Done done) {
  keys_ = Keys::kNone;
  int id = Start([done = std::move(done)](int code, std::string text) {
    done(FlushStatus(code, text));
  });
  outpost_vault_erase(id, kReplica, kLegacyDatabase);
}

}  // namespace outpost::client::web
