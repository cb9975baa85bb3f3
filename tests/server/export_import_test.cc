// Import of a tablet's encrypted export (sync-server/export_import.h), through the admin command
// as an administrator runs it, on a real central store. Files are made with OpenSSL from the
// documented format (tests/support/export_sealer.h), not with the tablet's code.
#include "sync-server/export_import.h"

#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "shared/base/utc_time.h"
#include "shared/store/migrations.h"
#include "shared/sync/export_file.h"
#include "sync-server/accounts.h"
#include "sync-server/audit.h"
#include "sync-server/demo_seed.h"
#include "sync-server/server.h"
#include "sync-server/sync_service.h"
#include "tests/support/export_sealer.h"
#include "tests/support/sample_changes.h"
#include "tests/support/server_command.h"
#include "tests/support/temp_dir.h"

using namespace outpost;

namespace {

constexpr const char* kDafydd = "0b6f3c1e-5d1a-4c77-9a0e-1f2d3c4b5a61";  // Amira's in the demo
constexpr const char* kPassphrase = "blue kettle on the windowsill";

// The clear fields of an export of `changes` changes; SealExport fills in the rest.
sync::ExportEnvelope Envelope(const std::string& username, int64_t changes) {
  sync::ExportEnvelope e;
  e.device_id = "tab-a";
  e.username = username;
  e.created_at = "2026-11-23T11:00:00Z";
  e.changes = changes;
  return e;
}

struct Store {
  testing::TempDir dir;
  Store() {
    auto db = Open();
    REQUIRE(store::MigrateToLatest(*db, store::Side::kServer).ok());
    REQUIRE(server::SeedDemo(*db, *ParseUtc("2026-11-23T09:00:00Z"), 1000).ok());
    // Amira's tablet enrols at her first sign-in.
    REQUIRE(server::SignIn(*db, {sync::kProtocolVersion, "amira.khan", "outpost-demo-amira", "tab-a"},
                           *ParseUtc("2026-11-23T10:00:00Z"))
                .ok());
  }
  std::unique_ptr<store::Database> Open() {
    auto db = store::Database::Open(server::CentralStorePath(dir.path()), store::JournalMode::kWal);
    REQUIRE(db.ok());
    return std::move(db).value();
  }
  int64_t Count(const std::string& sql) {
    auto db = Open();
    auto count = db->Prepare(sql);
    REQUIRE(count.ok());
    REQUIRE(*count->Step());
    return count->ColumnInt(0);
  }
  // Writes an export of `changes` by device tab-a and returns its path.
  std::string WriteExport(const std::vector<sync::Change>& changes, const std::string& name = "x.json",
                          const std::string& passphrase = kPassphrase) {
    const sync::ExportEnvelope envelope = Envelope("amira.khan", static_cast<int64_t>(changes.size()));
    std::string text = testing::SealExport(
        envelope, sync::EncodeExportPlaintext("tab-a", changes, "2026-11-23T11:00:00Z"), passphrase);
    std::ofstream(dir.File(name), std::ios::binary) << text;
    return dir.File(name);
  }
};

using Run = testing::CommandRun;

Run Import(Store& store, const std::string& file, const std::string& passphrase = kPassphrase) {
  return testing::RunServerCommand(
      {"import-export", "--data-dir", store.dir.path(), "--file", file}, passphrase + "\n");
}

std::vector<sync::Change> TwoContacts() {
  testing::TestDevice tablet("tab-a");
  return {tablet.Contact(kDafydd, "amira.khan", "Talked through CV"),
          tablet.Contact(kDafydd, "amira.khan", "Booked the forklift course")};
}

constexpr const char* kContactsOfTabA = "SELECT count(*) FROM changes WHERE device_id = 'tab-a'";

}  // namespace

TEST_CASE("an export file imports through the push path and the contacts reach the central store") {
  Store store;
  Run run = Import(store, store.WriteExport(TwoContacts()));
  INFO(run.err);
  REQUIRE(run.code == 0);
  CHECK(run.out.find("export of tab-a by amira.khan, written 2026-11-23T11:00:00Z: 2 changes") != std::string::npos);
  CHECK(run.out.find("applied: 2\nalready known: 0\nrefused: 0\n") != std::string::npos);
  CHECK(store.Count(kContactsOfTabA) == 2);
  CHECK(store.Count("SELECT count(*) FROM records WHERE record_type = 'contact' AND "
                    "json_extract(fields, '$.notes') = 'Booked the forklift course'") == 1);
  CHECK(store.Count("SELECT count(*) FROM audit_log WHERE action = 'change_applied' AND device_id = 'tab-a'") == 2);
  CHECK(store.Count("SELECT count(*) FROM audit_log WHERE action = 'export_imported' AND "
                    "username = 'amira.khan' AND device_id = 'tab-a'") == 1);
  auto db = store.Open();
  auto audit = server::VerifyAuditChain(*db);
  REQUIRE(audit.ok());
  CHECK(audit->first_broken_seq == 0);
}

TEST_CASE("importing the same export twice stores nothing new") {
  Store store;
  const std::string file = store.WriteExport(TwoContacts());
  REQUIRE(Import(store, file).code == 0);
  Run again = Import(store, file);
  CHECK(again.code == 0);
  CHECK(again.out.find("applied: 0\nalready known: 2\nrefused: 0\n") != std::string::npos);
  CHECK(store.Count(kContactsOfTabA) == 2);
}

TEST_CASE("an export imported after the tablet synced those changes itself stores nothing new") {
  Store store;
  const std::vector<sync::Change> changes = TwoContacts();
  {
    auto db = store.Open();
    const server::Principal amira{"amira.khan", "Amira Khan", "key_worker", "tab-a"};
    auto pushed = server::Push(*db, amira, {sync::kProtocolVersion, "tab-a", {changes[0]},
                                            FormatUtc(*ParseUtc("2026-11-23T11:00:00Z"))},
                               *ParseUtc("2026-11-23T11:00:00Z"));
    REQUIRE(pushed.ok());
    REQUIRE(pushed->applied.size() == 1);
  }
  Run run = Import(store, store.WriteExport(changes));
  CHECK(run.code == 0);
  CHECK(run.out.find("applied: 1\nalready known: 1\nrefused: 0\n") != std::string::npos);
  CHECK(store.Count(kContactsOfTabA) == 2);
}

TEST_CASE("a wrong passphrase refuses the import and writes nothing") {
  Store store;
  const int64_t audit_before = store.Count("SELECT count(*) FROM audit_log");
  Run run = Import(store, store.WriteExport(TwoContacts()), "not the passphrase at all");
  CHECK(run.code == 1);
  CHECK(run.err.find("passphrase: the file does not open with this passphrase") != std::string::npos);
  CHECK(store.Count(kContactsOfTabA) == 0);
  CHECK(store.Count("SELECT count(*) FROM audit_log") == audit_before);
}

TEST_CASE("a changed byte of the ciphertext refuses the import and writes nothing") {
  Store store;
  const std::string path = store.WriteExport(TwoContacts());
  std::string text;
  {
    std::ifstream in(path, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto envelope = sync::DecodeExportEnvelope(text);
  REQUIRE(envelope.ok());
  std::string sealed = *sync::Base64Decode(envelope->ciphertext);
  sealed[sealed.size() / 2] ^= 1;
  envelope->ciphertext = sync::Base64Encode(sealed);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << sync::EncodeExportEnvelope(*envelope);
  Run run = Import(store, path);
  CHECK(run.code == 1);
  CHECK(run.err.find("the file does not open with this passphrase") != std::string::npos);
  CHECK(store.Count(kContactsOfTabA) == 0);
}

TEST_CASE("an export claiming another key worker's tablet is refused") {
  Store store;
  std::vector<sync::Change> changes = TwoContacts();
  const sync::ExportEnvelope envelope = Envelope("ben.clarke", 2);
  std::ofstream(store.dir.File("ben.json"))
      << testing::SealExport(envelope, sync::EncodeExportPlaintext("tab-a", changes, "2026-11-23T11:00:00Z"),
                             kPassphrase);
  Run run = Import(store, store.dir.File("ben.json"));
  CHECK(run.code == 1);
  CHECK(run.err.find("device tab-a is enrolled for amira.khan, not ben.clarke") != std::string::npos);
  CHECK(store.Count(kContactsOfTabA) == 0);
}

TEST_CASE("a revoked tablet's export is imported, and the report and audit say it was revoked") {
  Store store;
  {
    auto db = store.Open();
    REQUIRE(server::RevokeDevice(*db, "tab-a", *ParseUtc("2026-11-23T12:00:00Z")).ok());
  }
  Run run = Import(store, store.WriteExport(TwoContacts()));
  CHECK(run.code == 0);
  CHECK(run.out.find("note: the device is revoked") != std::string::npos);
  CHECK(store.Count(kContactsOfTabA) == 2);
  CHECK(store.Count("SELECT count(*) FROM audit_log WHERE action = 'export_imported' AND "
                    "detail LIKE '%the device is revoked%'") == 1);
}

TEST_CASE("an export whose first change the server lacks the chain for stops and says why") {
  Store store;
  std::vector<sync::Change> changes = TwoContacts();
  Run run = Import(store, store.WriteExport({changes[1]}));
  CHECK(run.code == 1);
  CHECK(run.err.find("the server expects change 1 next") != std::string::npos);
  CHECK(store.Count(kContactsOfTabA) == 0);
}

TEST_CASE("the export envelope is strict: not an export file, another version, a short salt") {
  CHECK(sync::DecodeExportEnvelope("{}").status().where() == "format");
  CHECK(sync::DecodeExportEnvelope("[1]").status().what().find("not an Outpost export file") !=
        std::string::npos);
  const sync::ExportEnvelope e = Envelope("amira.khan", 0);
  std::string good = testing::SealExport(e, "x", kPassphrase);
  CHECK(sync::DecodeExportEnvelope(good).ok());
  auto bumped = good;
  bumped.replace(bumped.find("\"version\":1"), 11, "\"version\":2");
  CHECK(sync::DecodeExportEnvelope(bumped).status().where() == "version");
  auto decoded = *sync::DecodeExportEnvelope(good);
  decoded.salt = sync::Base64Encode("short");
  CHECK(sync::DecodeExportEnvelope(sync::EncodeExportEnvelope(decoded)).status().where() == "salt");
}

TEST_CASE("base64 matches RFC 4648's test vectors and refuses other text") {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
  for (auto [plain, coded] : vectors) {
    CHECK(sync::Base64Encode(plain) == coded);
    CHECK(*sync::Base64Decode(coded) == plain);
  }
  CHECK_FALSE(sync::Base64Decode("Zm9").ok());
  CHECK_FALSE(sync::Base64Decode("Zm=v").ok());
  CHECK_FALSE(sync::Base64Decode("Zm9v\n").ok());
}
