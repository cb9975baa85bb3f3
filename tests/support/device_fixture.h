// A simulated tablet for integration tests: a real replica (SQLite file, client migrations), the
// real sync::SyncSession, and an HttpsTransport to a ServerFixture's server. Time is a fake clock
// the test moves, so backoff and the pull timer are exercised without sleeping.
#ifndef OUTPOST_TESTS_SUPPORT_DEVICE_FIXTURE_H_
#define OUTPOST_TESTS_SUPPORT_DEVICE_FIXTURE_H_

#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>

#include "shared/base/utc_time.h"
#include "shared/store/change_store.h"
#include "shared/store/migrations.h"
#include "shared/sync/session.h"
#include "tests/support/https_transport.h"
#include "tests/support/server_fixture.h"
#include "tests/support/temp_dir.h"

namespace outpost::testing {

class DeviceFixture {
 public:
  // `clock_error_ms`: how far the tablet's own clock is from the true time.
  DeviceFixture(ServerFixture& server, const std::string& user, const std::string& device_id,
                int64_t clock_error_ms = 0)
      : user_(user), transport_(server.server().port()), clock_error_ms_(clock_error_ms) {
    auto opened = store::Database::Open(dir_.File("replica.sqlite"), store::JournalMode::kRollback);
    REQUIRE(opened.ok());
    db_ = std::move(opened).value();
    REQUIRE(store::MigrateToLatest(*db_, store::Side::kClient).ok());
    REQUIRE(store::SetDeviceState(*db_, "device_id", device_id).ok());
    token_ = server.SignIn(user, device_id);
    session_ = std::make_unique<sync::SyncSession>(
        *db_, transport_,
        sync::SyncSession::Hooks{[](std::function<void(Status)> done) { done(Status::Ok()); },
                                 [this] { return DeviceClock(); }, [] {}, [] {},
                                 [this] { REQUIRE(store::EraseLocalData(*db_).ok()); }});
  }

  // One sync attempt, run to its end (all its requests and completions).
  void Sync(bool requested = true) {
    session_->Tick(true, token_, requested);
    for (int i = 0; i < 100 && transport_.Pump() > 0; ++i) {
    }
  }
  // Moves true time on; every device's clock moves with it.
  void Advance(int64_t ms) { now_ms_ += ms; }
  int64_t DeviceClock() const { return now_ms_ + clock_error_ms_; }

  sync::Change RecordContact(const std::string& participant_id, const std::string& id,
                             const std::string& notes) {
    store::LocalWrite write{user_, "contact", id, participant_id,
                            R"({"mode":"face_to_face","notes":")" + notes +
                                R"(","occurred_at":"2026-11-23T10:30","outcome":"attended"})",
                            DeviceClock(), FormatUtc(DeviceClock())};
    auto change = store::RecordLocalChange(*db_, write);
    REQUIRE(change.ok());
    return *change;
  }

  sync::Change SetPlanItemStatus(const std::string& participant_id, const std::string& item_id,
                                 const std::string& status) {
    store::LocalWrite write{user_, "plan_item", item_id, participant_id,
                            R"({"status":")" + status + R"("})", DeviceClock(),
                            FormatUtc(DeviceClock())};
    auto change = store::RecordLocalChange(*db_, write);
    REQUIRE(change.ok());
    return *change;
  }

  std::string Text(const std::string& sql) {
    auto s = db_->Prepare(sql);
    REQUIRE(s.ok());
    REQUIRE(*s->Step());
    return s->ColumnText(0);
  }

  int64_t Count(const std::string& sql) {
    auto s = db_->Prepare(sql);
    REQUIRE(s.ok());
    REQUIRE(*s->Step());
    return s->ColumnInt(0);
  }

  store::Database& db() { return *db_; }
  HttpsTransport& transport() { return transport_; }
  sync::SyncSession::Progress progress() const { return session_->progress(); }

 private:
  TempDir dir_;
  std::string user_;
  std::string token_;
  HttpsTransport transport_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<sync::SyncSession> session_;
  int64_t clock_error_ms_;
  // True time starts at the real time, the server's clock (which the test cannot move).
  int64_t now_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
};

}  // namespace outpost::testing

#endif  // OUTPOST_TESTS_SUPPORT_DEVICE_FIXTURE_H_
