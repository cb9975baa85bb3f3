// The supervisors' review page: the central record, the conflicts to look at, escaped.
#include "sync-server/review_page.h"

#include <doctest/doctest.h>

#include "shared/store/change_store.h"
#include "shared/store/migrations.h"
#include "tests/support/store_helpers.h"
#include "tests/support/sample_changes.h"

using namespace outpost;

namespace {

std::unique_ptr<store::Database> Central() { return testing::InMemoryStore(store::Side::kServer); }

const server::Principal kCarys{"carys.jones", "Carys Jones", "supervisor", "review-web"};

}  // namespace

TEST_CASE("the review page shows every contact, with what a key worker typed escaped") {
  auto db = Central();
  REQUIRE(store::ApplyChanges(*db,
                              {testing::ParticipantChange("seed", 1, "p-1", "amira.khan"),
                               testing::ContactChange("tablet-a", 1, "p-1", "amira.khan",
                                                      "<script>alert(1)</script> & more")},
                              {"2026-11-23T10:40:00Z"})
              .ok());
  auto page = server::ReviewRecordPage(*db, kCarys);
  REQUIRE(page.ok());
  CHECK(page->find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more") != std::string::npos);
  CHECK(page->find("<script>") == std::string::npos);
  CHECK(page->find("2026-11-23T10:40:00Z") != std::string::npos);  // received by the server
  CHECK(page->find("id=\"no-conflicts\"") != std::string::npos);
}

TEST_CASE("the review page lists a value that lost to a concurrent edit, beside the current one") {
  auto db = Central();
  sync::Change a = testing::ParticipantChange("tablet-a", 1, "p-1", "amira.khan", "Okafor");
  sync::Change b = testing::ParticipantChange("tablet-b", 1, "p-1", "amira.khan", "Okafor-Bell");
  REQUIRE(store::ApplyChanges(*db, {a, b}, {"2026-11-23T10:40:00Z"}).ok());
  auto page = server::ReviewRecordPage(*db, kCarys);
  REQUIRE(page.ok());
  CHECK(page->find("<table id=\"conflicts\">") != std::string::npos);
  CHECK(page->find("<td>family_name</td><td>Okafor</td><td>Okafor-Bell</td><td>tablet-a:1</td>") !=
        std::string::npos);
}
