// The canonical-JSON fast paths must agree with nlohmann-json byte for byte where they answer,
// and leave everything else to it (shared/sync/json_text_internal.h).
#include "shared/sync/json_text_internal.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "tests/support/sample_changes.h"

using namespace outpost;
using namespace outpost::sync;
using nlohmann::json;

namespace {

// A string of random bytes drawn from ASCII (controls, quotes and backslashes included) and a
// few multi-byte UTF-8 characters.
std::string RandomText(std::mt19937& random, size_t length) {
  static const char* const kWide[] = {"é", "Ŵ", "€", "😀", "\x7f"};
  std::string out;
  while (out.size() < length) {
    if (random() % 6 == 0)
      out += kWide[random() % 5];
    else
      out.push_back(static_cast<char>(random() % 0x80));
  }
  return out;
}

}  // namespace

TEST_CASE("a string is escaped exactly as nlohmann's dump escapes it") {
  std::mt19937 random(20240115);
  for (int i = 0; i < 2000; ++i) {
    const std::string text = RandomText(random, random() % 40);
    std::string out;
    REQUIRE(internal::AppendJsonString(out, text));
    CHECK(out == json(text).dump());
  }
}

// The scanners skip plain text eight bytes at a time: a byte that needs a look must be found at
// every position of such a step, and the bytes either side of each boundary must stay plain.
TEST_CASE("a byte to escape or check is found wherever it falls in a long plain string") {
  const std::string kNotPlain[] = {std::string(1, '\0'), "\x1f", "\"", "\\", "\n", "\xc3\xa9"};
  const std::string kPlain[] = {" ", "!", "#", "[", "]", "\x7f", "~"};
  for (size_t length = 1; length <= 40; ++length) {
    for (size_t at = 0; at < length; ++at) {
      for (const std::string& inserted : {kNotPlain[length % 6], kPlain[at % 7]}) {
        std::string text(length, 'a');
        text.replace(at, 1, inserted);
        std::string out;
        REQUIRE(internal::AppendJsonString(out, text));
        CHECK(out == json(text).dump());
        bool escaped = false;
        const std::string in_message = out + ",\"next\":\"x\"";
        CHECK(internal::ScanString(in_message, 0, &escaped) == out.size());
        CHECK(escaped == (out.size() != text.size() + 2));
      }
    }
  }
}

TEST_CASE("a string that is not UTF-8 is not written, as dump would refuse it") {
  for (const char* bad : {"\xff", "\xc3", "a\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80"}) {
    std::string out = "kept";
    CHECK_FALSE(internal::AppendJsonString(out, bad));
    CHECK(out == "kept");
  }
}

TEST_CASE("what dump writes for an object of strings is recognised as canonical") {
  std::mt19937 random(7);
  for (int i = 0; i < 500; ++i) {
    json object = json::object();
    for (int k = static_cast<int>(random() % 6); k > 0; --k)
      object["k" + std::to_string(random() % 100)] = RandomText(random, random() % 20);
    const std::string text = object.dump();
    CHECK_MESSAGE(internal::IsCanonicalStringObject(text), text);
    internal::StringObject read;
    REQUIRE(read.Read(text));
    REQUIRE(read.members().size() == object.size());
    for (const auto& m : read.members())
      CHECK(std::string(m.value) == object[std::string(m.key)].get<std::string>());
  }
}

TEST_CASE("text dump would write differently is not canonical, though it may be valid JSON") {
  for (const char* text :
       {R"({ "a":"b"})", R"({"a": "b"})", R"({"b":"1","a":"2"})", R"({"a":"1","a":"2"})",
        R"({"a":"\/"})", R"({"a":"\u00E9"})", R"({"a":"\u0041"})", R"({"a":"\u000a"})",
        R"({"a":1})", R"({"a":"b"} )", R"({"a":"b",})", R"({"\u0061":"b"})", "[]", "", "{",
        "{\"a\":\"\xff\"}", "{\"a\":\"\x01\"}"})
    CHECK_MESSAGE(!internal::IsCanonicalStringObject(text), text);
}

TEST_CASE("an object of strings reads the same whether or not its text is canonical") {
  internal::StringObject spaced, canonical;
  REQUIRE(spaced.Read(R"({ "mode" : "text", "location" : "caf\u00e9 \/ hub" })"));
  REQUIRE(canonical.Read(R"({"location":"café / hub","mode":"text"})"));
  REQUIRE(spaced.members().size() == 2);
  CHECK(spaced.Get("location") == canonical.Get("location"));
  CHECK(spaced.Get("mode") == "text");
  CHECK(spaced.members()[0].key == "location");  // in key order, as nlohmann keeps them
  CHECK(spaced.Get("absent").empty());
}

TEST_CASE("an object with a value that is not a string, or no object at all, is refused") {
  internal::StringObject read;
  for (const char* text : {R"({"a":1})", R"({"a":["b"]})", "[]", "\"a\"", "{", "nonsense"})
    CHECK_FALSE_MESSAGE(read.Read(text), text);
}

TEST_CASE("an object read after others holds its own members only, however many those had") {
  // The scan's list is kept between reads (and dropped after a very long object).
  nlohmann::json many = nlohmann::json::object();
  for (int i = 0; i < 500; ++i) many["k" + std::to_string(1000 + i)] = std::to_string(i);
  const std::string many_text = many.dump();
  internal::StringObject read;
  for (int round = 0; round < 2; ++round) {
    REQUIRE(read.Read(many_text));
    CHECK(read.members().size() == 500);
    CHECK(read.Get("k1499") == "499");
    REQUIRE(read.Read(R"({"location":"Library","notes":"a\nb"})"));
    CHECK(read.members().size() == 2);
    CHECK(read.Get("notes") == "a\nb");
    CHECK(read.Get("k1000").empty());
    REQUIRE(read.Read("{}"));
    CHECK(read.empty());
  }
}

TEST_CASE("a change's hash is that of its DOM, for canonical fields and any others") {
  Change c = testing::ContactChange("tablet-a", 3, "p-1", "amira.khan", "Says \"hi\"\n\t€");
  c.prev_hash = std::string(64, 'a');
  CHECK(ChangeHash(c) == internal::ChangeHashOfDom(c));
  for (const char* fields : {R"({ "notes" : "x" })", R"({"b":"1","a":"2"})", R"({"a":1})",
                             "not json", "[1,2]", "\"text\"", "", R"({"a":"\/"})"}) {
    c.fields = fields;
    CHECK_MESSAGE(ChangeHash(c) == internal::ChangeHashOfDom(c), fields);
  }
  c.fields = "{}";
  for (const char* base : {"", "{}", R"({"a":"1"})", R"({ "a":"1"})", "nonsense"}) {
    c.base = base;
    CHECK_MESSAGE(ChangeHash(c) == internal::ChangeHashOfDom(c), base);
  }
}

TEST_CASE("a change's hash does not depend on the changes hashed before it") {
  // ChangeHash builds each text in a buffer kept from call to call: a long change, a change
  // whose fields need the DOM, and a short one after them must hash as each would alone.
  const Change longer = testing::ContactChange("tablet-a", 4, "p-1", "amira.khan",
                                         std::string(40 * 1024, 'n'));
  Change broken = testing::ContactChange("tablet-a", 5, "p-1", "amira.khan");
  broken.fields = R"({"b":"1","a":"2"})";
  const Change shorter = testing::ContactChange("tablet-a", 6, "p-1", "amira.khan", "Short");
  const std::vector<const Change*> order = {&longer, &broken, &shorter, &longer, &shorter};
  for (int round = 0; round < 2; ++round)
    for (const Change* c : order)
      CHECK(ChangeHash(*c) == internal::ChangeHashOfDom(*c));
}
