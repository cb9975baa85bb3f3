// Two simulated tablets and a real sync server on 127.0.0.1 over HTTPS: the device sync session,
// the codec, the server and both kinds of store, end to end, with the network failing the way it
// does at outreach sites.
#include <doctest/doctest.h>

#include "tests/support/device_fixture.h"
#include "tests/support/server_fixture.h"

using namespace outpost;
using outpost::testing::DeviceFixture;
using outpost::testing::kGraceId;
using outpost::testing::ServerFixture;

TEST_CASE("an upload that failed once is sent by the next sync when the network is back") {
  ServerFixture server;
  DeviceFixture tablet(server, "amira.khan", "tablet-a");
  tablet.Sync();  // first sync: the caseload
  tablet.RecordContact(kGraceId, "c-1", "recorded with no signal");
  tablet.transport().FailNext(1);
  tablet.Sync();
  CHECK(tablet.progress().last_error == "the tablet is offline");
  CHECK(tablet.progress().waiting == 1);
  CHECK(server.CentralInt("SELECT count(*) FROM contacts") == 0);

  tablet.Advance(3000);  // past the first backoff
  tablet.Sync(/*requested=*/false);
  CHECK(tablet.progress().last_error.empty());
  CHECK(tablet.progress().waiting == 0);
  CHECK(server.CentralInt("SELECT count(*) FROM contacts") == 1);
}

TEST_CASE("the server commits, the answer is lost, the tablet resends, and the contact exists once") {
  ServerFixture server;
  DeviceFixture tablet(server, "amira.khan", "tablet-a");
  tablet.Sync();
  tablet.RecordContact(kGraceId, "c-1", "answer lost on the way back");
  tablet.transport().LoseNextResponses(1);
  tablet.Sync();
  CHECK(tablet.progress().waiting == 1);  // not confirmed: the receipt never arrived
  CHECK(server.CentralInt("SELECT count(*) FROM contacts") == 1);

  tablet.Advance(3000);
  tablet.Sync();
  CHECK(tablet.progress().waiting == 0);
  CHECK(server.CentralInt("SELECT count(*) FROM contacts") == 1);
  CHECK(server.CentralInt("SELECT count(*) FROM changes WHERE device_id = 'tablet-a'") == 1);
}

TEST_CASE("a server that is down is retried with backoff until it answers, losing nothing") {
  ServerFixture server;
  DeviceFixture tablet(server, "amira.khan", "tablet-a");
  tablet.Sync();
  for (int i = 0; i < 3; ++i) tablet.RecordContact(kGraceId, "c-" + std::to_string(i), "queued");
  tablet.transport().set_port(1);  // nothing listens there: connection refused
  tablet.Sync();
  CHECK_FALSE(tablet.progress().last_error.empty());
  const int sent_while_down = tablet.transport().requests_sent();
  tablet.Advance(1000);  // within the backoff: no new attempt
  tablet.Sync(/*requested=*/false);
  CHECK(tablet.transport().requests_sent() == sent_while_down);
  tablet.transport().set_port(server.server().port());
  tablet.Advance(5000);
  tablet.Sync(/*requested=*/false);
  CHECK(tablet.progress().waiting == 0);
  CHECK(server.CentralInt("SELECT count(*) FROM contacts") == 3);
}

TEST_CASE("a second tablet of the same key worker receives what the first recorded offline") {
  ServerFixture server;
  DeviceFixture first(server, "amira.khan", "tablet-a");
  DeviceFixture second(server, "amira.khan", "tablet-b");
  first.Sync();
  second.Sync();
  first.RecordContact(kGraceId, "c-1", "from the first tablet");
  first.Sync();
  second.Sync();
  CHECK(second.Count("SELECT count(*) FROM contacts WHERE notes = 'from the first tablet'") == 1);
  second.Sync();  // a repeated pull changes nothing
  CHECK(second.Count("SELECT count(*) FROM contacts") == 1);
}

TEST_CASE("a replica that lost its cursor pulls everything again without duplicating anything") {
  ServerFixture server;
  DeviceFixture tablet(server, "amira.khan", "tablet-a");
  tablet.Sync();
  tablet.RecordContact(kGraceId, "c-1", "once");
  tablet.Sync();
  REQUIRE(store::SetDeviceState(tablet.db(), "pull_cursor", "0").ok());
  tablet.Sync();
  CHECK(tablet.Count("SELECT count(*) FROM contacts") == 1);
  CHECK(tablet.Count("SELECT count(*) FROM changes") == 2);  // Grace and the contact
}

TEST_CASE("a central store restored from an old backup gets the tablet's changes again") {
  ServerFixture server;
  DeviceFixture tablet(server, "amira.khan", "tablet-a");
  tablet.Sync();
  tablet.RecordContact(kGraceId, "c-1", "confirmed, then lost by the server");
  tablet.Sync();
  REQUIRE(tablet.progress().waiting == 0);
  // The server loses the contact and everything it knew about the device's chain.
  REQUIRE(server.server().WithDatabase([](store::Database& db) {
    // The central store keeps a contact only as the change that brought it (schema 0014), and
    // finds the change by id through its device's runs (0016).
    return db.Exec("DELETE FROM changes WHERE device_id = 'tablet-a'; DELETE FROM device_chains; "
                   "DELETE FROM change_runs WHERE device_id = 'tablet-a';");
  }).ok());
  tablet.RecordContact(kGraceId, "c-2", "recorded after the restore");
  tablet.Sync();  // told "unknown device, resend from 1", requeues and resends both
  CHECK(tablet.progress().waiting == 0);
  CHECK(server.CentralInt("SELECT count(*) FROM contacts") == 2);
}

TEST_CASE("a tablet whose clock is hours behind still wins with an edit it made later") {
  ServerFixture server;
  DeviceFixture right(server, "amira.khan", "tablet-a");
  DeviceFixture slow(server, "amira.khan", "tablet-b", /*clock_error_ms=*/-3 * 3600 * 1000);
  // Each tablet learns the server's clock from the receipt of its first push.
  right.RecordContact(kGraceId, "c-a", "first from the right clock");
  slow.RecordContact(kGraceId, "c-b", "first from the slow clock");
  right.Sync();
  slow.Sync();
  CHECK(slow.progress().clock_flagged);
  CHECK_FALSE(right.progress().clock_flagged);

  right.SetPlanItemStatus(kGraceId, "item-1", "in_progress");
  right.Advance(60 * 1000);
  slow.Advance(60 * 1000);
  slow.SetPlanItemStatus(kGraceId, "item-1", "done");  // a minute later in truth
  right.Sync();
  slow.Sync();
  right.Sync();
  const std::string sql = "SELECT json_extract(fields, '$.status') FROM records WHERE record_id = 'item-1'";
  CHECK(right.Text(sql) == "done");
  CHECK(slow.Text(sql) == "done");
}

TEST_CASE("a reassignment moves the participant's history to the new key worker's tablet and off the old one") {
  ServerFixture server;
  DeviceFixture amira(server, "amira.khan", "tablet-a");
  DeviceFixture ben(server, "ben.clarke", "tablet-b");
  DeviceFixture carys(server, "carys.jones", "desk-c");
  amira.Sync();
  ben.Sync();
  carys.Sync();
  amira.RecordContact(kGraceId, "c-1", "before the move");
  amira.Sync();
  CHECK(ben.Count("SELECT count(*) FROM participants") == 1);  // only Leah

  store::LocalWrite move{"carys.jones", "participant", kGraceId, kGraceId,
                         R"({"key_worker":"ben.clarke"})", carys.DeviceClock(),
                         FormatUtc(carys.DeviceClock())};
  REQUIRE(store::RecordLocalChange(carys.db(), move).ok());
  carys.Sync();

  ben.Sync();
  CHECK(ben.Count("SELECT count(*) FROM participants") == 2);
  CHECK(ben.Count("SELECT count(*) FROM contacts WHERE notes = 'before the move'") == 1);
  amira.Sync();
  CHECK(amira.Count("SELECT count(*) FROM participants") == 0);
  CHECK(amira.Count("SELECT count(*) FROM contacts") == 0);
}

TEST_CASE("a revoked tablet is told at its next sync to erase its data, and it does") {
  ServerFixture server;
  DeviceFixture tablet(server, "amira.khan", "tablet-a");
  tablet.Sync();
  tablet.RecordContact(kGraceId, "c-1", "on a tablet later lost");
  tablet.Sync();
  REQUIRE(tablet.Count("SELECT count(*) FROM participants") == 1);
  REQUIRE(server.server().WithDatabase([](store::Database& db) {
    return server::RevokeDevice(db, "tablet-a", 1795430000000);
  }).ok());
  tablet.Sync();
  CHECK(tablet.progress().last_error == "this device has been revoked: erase its local data");
  for (const char* table : {"participants", "contacts", "records", "changes", "outbox", "device_state"})
    CHECK_MESSAGE(tablet.Count(std::string("SELECT count(*) FROM ") + table) == 0, table);
}
