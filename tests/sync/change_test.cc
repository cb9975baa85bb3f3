// sync::ValidateChange on identifiers: what a change names (its device, author, record and
// participant) is text a person reads and C code passes on: UTF-8 with no control characters.
#include "shared/sync/change.h"

#include <doctest/doctest.h>

#include <string>

#include "tests/support/sample_changes.h"

namespace outpost::sync {
namespace {

using testing::ContactChange;

TEST_CASE("a change whose ids hold a control character is refused, naming the id") {
  for (const std::string& bad : {std::string("contact-\0-1", 11), std::string("contact\n1"),
                                std::string("contact\x7f" "1"), std::string("\t")}) {
    Change record = ContactChange("tablet-1", 1, "participant-1", "amira.khan");
    record.record_id = bad;
    CHECK(ValidateChange(record).where() == "record_id");

    Change participant = ContactChange("tablet-1", 1, "participant-1", "amira.khan");
    participant.participant_id = bad;
    CHECK(ValidateChange(participant).where() == "participant_id");

    Change author = ContactChange("tablet-1", 1, "participant-1", "amira.khan");
    author.author = bad;
    CHECK(ValidateChange(author).where() == "author");
  }
  Change device = ContactChange(std::string("tablet\0" "1", 8), 1, "participant-1", "amira.khan");
  CHECK(ValidateChange(device).where() == "device_id");
}

TEST_CASE("ids of any printable characters, Welsh letters included, up to 64 bytes are accepted") {
  Change c = ContactChange("tablet-1", 1, "participant-1", "siân.ŵyn");
  c.record_id = "019a-7c2e:contact/ŷ";
  CHECK(ValidateChange(c).ok());
  c.record_id = std::string(64, 'a');
  CHECK(ValidateChange(c).ok());
  c.record_id = std::string(65, 'a');
  CHECK(ValidateChange(c).where() == "record_id");
  c.record_id = "";
  CHECK(ValidateChange(c).what() ==
        "must be 1 to 64 bytes of UTF-8 text, none of them a control character");
}

TEST_CASE("an id that is not UTF-8 is refused, so that no change made in process breaks its hash") {
  // A lone continuation byte, a cut-off sequence, an overlong '/', a surrogate, past U+10FFFF.
  for (const char* bad : {"contact-\x80", "contact-\xc5", "contact-\xc0\xaf", "contact-\xed\xa0\x80",
                          "contact-\xf4\x90\x80\x80", "contact-\xff"}) {
    Change c = ContactChange("tablet-1", 1, "participant-1", "amira.khan");
    c.record_id = bad;
    CHECK_MESSAGE(ValidateChange(c).where() == "record_id", bad);
  }
  Change c = ContactChange("tablet-1", 1, "participant-1", "amira.khan");
  c.record_id = "contact-\xf0\x9f\x93\x9d";  // U+1F4DD, four bytes
  CHECK(ValidateChange(c).ok());
}

}  // namespace
}  // namespace outpost::sync
