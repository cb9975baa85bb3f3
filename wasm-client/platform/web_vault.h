// WebVault: the tablet's replica kept encrypted in IndexedDB, and the keys that open it.
//
// The App works on a plain SQLite file in Emscripten's in-memory file system (kFolder); nothing
// there survives a reload. Flush() copies that file into IndexedDB encrypted; Unlock() puts it
// back. The key handling:
//
//   data key   32 random bytes (crypto.getRandomValues), made at the first sign-in. Encrypts
//              the replica's blocks and its index with AES-256-GCM (below), a fresh 12-byte IV
//              for every record written. Held only in the page's memory while unlocked (a JS
//              variable; Lock() drops it and zeroes its bytes).
//   key slots  the data key wrapped (AES-256-GCM, additional data "outpost-slot-<kind>-v1")
//              under a key derived from a secret: PBKDF2-HMAC-SHA-256, kIterations rounds, a
//              16-byte random salt per slot. Two slots: "password" (from the sign-in password)
//              and "pin". Unwrapping is the verifier: a wrong secret fails GCM authentication.
//              No secret, no derived key and no hash of either is ever stored.
//
// IndexedDB database "outpost-vault", object store "vault", records:
//   "meta"          {version: 1, slots: {password: Slot, pin?: Slot}}
//                   Slot = {salt, iterations, iv, wrapped}, byte fields as Uint8Array
//   "lock"          the LockRecord (app/device_lock.h) as JSON text: attempt counts, last sync.
//                   It holds no secret, so it is not encrypted and can be read before unlocking.
//   "replica-meta"  the replica's index, format 2: {version: 2, length, blockSize, count, iv,
//                   data}. `data` is the JSON {length, blockSize, count, gen, gens} encrypted
//                   with additional data "outpost-replica-meta-v2"; the clear fields must match
//                   it. gen counts flushes; gens[i] is the flush that last wrote block i.
//   "replica/<i>"   block i of the replica file, i = 0 .. count-1: {iv, data}, bytes
//                   [i * blockSize, min((i + 1) * blockSize, length)) encrypted with additional
//                   data "outpost-replica-v2 block <i> gen <gens[i]>". A block moved to another
//                   position, or replayed from another flush, fails authentication.
//   "replica"       format 1 (before blocks): {iv, data}, the whole file encrypted with
//                   additional data "outpost-replica-v1". Read by Unlock(); the first flush
//                   after it writes format 2 and deletes this record in the same transaction.
// A flush compares the file with the copy it last made durable (kept in the page's memory
// while unlocked), encrypts only the blocks that differ (in parallel), and writes them, the
// index, and the deletion of blocks past a shrunk file's end in one transaction. It reports
// done only on that transaction's complete event (durable as far as the browser promises); a
// failed flush leaves the previous flush's records whole. Unlocking only reads: a wrong PIN or
// password, a missing or damaged block, or an inconsistent index never changes what is stored.
// The old build (before the vault) kept the replica unencrypted through Emscripten's IDBFS: the
// IndexedDB database named after the mount point, "/persist", object store "FILE_DATA", one
// object per path {timestamp, mode, contents: Uint8Array} (directories without contents). Open()
// reads its files with plain IndexedDB calls (IDBFS itself is not linked) and never creates it:
//   - no keys: the files are put back under kFolder, so the App starts on that replica and its
//     waiting changes are kept; the shell has the key worker sign in, which makes the keys.
//   - keys, but no encrypted replica yet (the first flush after making them failed): Unlock()
//     puts the old files back instead of starting empty.
// RetireLegacy() deletes the old database, only after an encrypted flush has completed.
//
// Errors (every callback gets a Status; the JS error name and message are in `what`):
//   Unlock:  PermissionDenied("unlock", ...)    the secret is wrong (GCM authentication failed)
//            DataLoss("vault.replica", ...)     the key is right but the replica does not decrypt:
//                                               a block missing or damaged, the index altered
//   Flush:   Unavailable("persist.quota", ...)  QuotaExceededError: the site's storage is full
//            Unavailable("persist.flush", ...)  any other IndexedDB failure; retrying may work
//            FailedPrecondition("vault", ...)   locked (no data key): nothing may be written
//   Open:    Unavailable("vault.open", ...)     IndexedDB cannot be opened (private windows in
//                                               some browsers)
// Callbacks run later from the browser event loop, never inside the call that started them.
// One WebVault per page (its JS state is global); main_web.cc owns it.
//
//   [X] encrypted flushes, serialised: a flush asked for while one runs starts one more run
//       afterwards, and every waiting callback gets the outcome of a run that began after it
//   [X] flushes wait while the first data key is being made (between sign-in and encryption)
//   [X] a flush writes only the blocks that changed, in one transaction with the index
//   [X] quota exhaustion reported as its own error, never swallowed
//   [X] persistence asked for, quota and use reported (StorageReport)
//   [X] the old build's plaintext replica carried over, then deleted once encrypted
//   [ ] detecting a second tab writing the same IndexedDB (last flush wins)
//   [ ] re-encrypting under a new data key (a key is kept until the records are erased)
#ifndef OUTPOST_WASM_CLIENT_PLATFORM_WEB_VAULT_H_
#define OUTPOST_WASM_CLIENT_PLATFORM_WEB_VAULT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "shared/base/status.h"
#include "shared/base/status_or.h"

namespace outpost::client::web {

// What Open() found.
struct VaultOpened {
  bool has_keys = false;     // a data key is stored (someone signed in here): unlock first
  bool has_pin = false;      // a PIN slot exists
  std::string lock_record;   // JSON (app/device_lock.h), "" if none
  double quota_bytes = -1;   // navigator.storage.estimate(); -1 when the browser does not say
  double usage_bytes = -1;
  bool persisted = false;    // navigator.storage.persist() granted
  bool legacy_replica = false;  // the old build's unencrypted "/persist" database holds a
                                // replica; without keys it is now under kFolder
};

class WebVault {
 public:
  using Done = std::function<void(Status)>;

  // The in-memory folder the App uses (Platform::data_dir) and the one file kept from it.
  static constexpr const char* kFolder = "/persist";
  static constexpr const char* kReplica = "/persist/replica.sqlite";
  // The old build's IDBFS database (named after its mount point).
  static constexpr const char* kLegacyDatabase = "/persist";
  // Bytes per encrypted block of the replica (four SQLite pages of 4096). Smaller blocks write
  // less per save; larger ones mean fewer records to read at unlock.
  static constexpr int kBlockSize = 16384;
  // PBKDF2-HMAC-SHA-256 rounds (OWASP's 2023 figure for this hash).
  static constexpr int kIterations = 600000;

  WebVault();
  ~WebVault();
  WebVault(const WebVault&) = delete;
  WebVault& operator=(const WebVault&) = delete;

  // Creates kFolder, asks for persistent storage, reads the storage estimate and opens the
  // database. Call once, first.
  void Open(std::function<void(StatusOr<VaultOpened>)> done);

  // First sign-in on this tablet (no keys): makes a data key, wraps it under `password` and
  // stores the slot, dropping any replica left from before. Flushes asked for meanwhile wait.
  void CreateKeys(const std::string& password, Done done);

  // Wraps the data key (unlocked only) under `secret` as slot `kind` ("pin" or "password"),
  // replacing that slot. A new password after a sign-in, or the PIN once chosen.
  void StoreSlot(const std::string& kind, const std::string& secret, Done done);

  // Unwraps the data key with `secret` from slot `kind`, decrypts the replica into kReplica
  // (none stored is fine: the App starts a fresh one). Reads only.
  void Unlock(const std::string& kind, const std::string& secret, Done done);

  // Encrypts the blocks of kReplica that changed into IndexedDB (see the serialising rule above).
  void Flush(Done done);

  // Flushes, and once the encrypted replica is durable deletes the old build's unencrypted
  // database. Fails with FailedPrecondition("vault.legacy", ...) without deleting anything
  // while no data key exists or no encrypted replica is stored, and with the flush's error if
  // it fails. Deleting waits while a tab of the old build still has the database open.
  void RetireLegacy(Done done);

  // Writes the lock record (attempt counts, last sync); on its own, without the replica.
  void SaveLockRecord(const std::string& json, Done done);

  // Forgets the data key and deletes the plain replica from memory. Callers flush first.
  void Lock();

  // Deletes everything stored (keys, replica blocks and index, lock record, the old build's database) and
  // forgets the data key; the in-memory replica is deleted too. After it, flushes succeed
  // without writing (there is nothing to protect until the next sign-in).
  void Erase(Done done);

  // True while a data key is in memory.
  bool unlocked() const { return keys_ == Keys::kUnlocked; }
  // True when no keys exist (before the first sign-in, or after Erase).
  bool empty() const { return keys_ == Keys::kNone; }

  // Called from JavaScript (web_vault.cc) when an operation `id` ends: code 0 OK, 1 wrong
  // secret, 2 quota, 3 other failure; `text` the JS error or the operation's JSON result.
  void OnReply(int id, int code, const char* text);

 private:
  enum class Keys { kNone, kCreating, kLocked, kUnlocked };

  int Start(std::function<void(int code, std::string text)> reply);
  void StartFlushRun();
  void FinishFlushRun(Status status);

  Keys keys_ = Keys::kNone;
  int next_id_ = 1;
  std::vector<std::pair<int, std::function<void(int, std::string)>>> pending_;
  bool flush_running_ = false;
  std::vector<Done> running_waiters_;  // asked before the running flush started
  std::vector<Done> next_waiters_;     // asked while it ran, or while the key was being made
};

}  // namespace outpost::client::web

#endif  // OUTPOST_WASM_CLIENT_PLATFORM_WEB_VAULT_H_
