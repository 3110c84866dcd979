#include "exporters/json/json_writer.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "model/text.hpp"

namespace trackport {
namespace {

using nlohmann::ordered_json;
using Layout = JsonWriter::Layout;

constexpr auto kReplace = ordered_json::error_handler_t::replace;

// What the writer must match: nlohmann's dump, UTF-8 as is, U+FFFD for invalid UTF-8.
std::string nlohmann_dump(const ordered_json& json, Layout layout) {
  return json.dump(layout == Layout::pretty ? 2 : -1, ' ', false, kReplace);
}

std::string escaped(std::string_view text) {
  std::string out;
  JsonWriter::append_escaped(out, text);
  return out;
}

std::string nlohmann_escaped(const std::string& text) {
  const std::string quoted = nlohmann_dump(ordered_json(text), Layout::compact);
  return quoted.substr(1, quoted.size() - 2);
}

// Writes any nlohmann value through the writer, member by member.
void write_value(JsonWriter& writer, const ordered_json& json) {
  switch (json.type()) {
    case ordered_json::value_t::object:
      writer.begin_object();
      for (const auto& [key, value] : json.items()) {
        writer.key(key);
        write_value(writer, value);
      }
      writer.end_object();
      break;
    case ordered_json::value_t::array:
      writer.begin_array();
      for (const auto& value : json) write_value(writer, value);
      writer.end_array();
      break;
    case ordered_json::value_t::string:
      writer.string(json.get_ref<const std::string&>());
      break;
    case ordered_json::value_t::boolean:
      writer.boolean(json.get<bool>());
      break;
    case ordered_json::value_t::number_integer:
    case ordered_json::value_t::number_unsigned:
      writer.integer(json.get<std::int64_t>());
      break;
    case ordered_json::value_t::number_float:
      writer.number_text(json.dump());
      break;
    default:
      writer.null();
      break;
  }
}

std::string written(const ordered_json& json, Layout layout) {
  std::ostringstream out;
  {
    JsonWriter writer(out, layout);
    write_value(writer, json);
  }  // the destructor flushes
  return out.str();
}

TEST_CASE("JsonWriter escapes quotes, backslashes and control characters as nlohmann does",
          "[json-writer]") {
  CHECK(escaped("") == "");
  CHECK(escaped(std::string_view()) == "");
  CHECK(escaped("plain text") == "plain text");
  CHECK(escaped("say \"hi\"") == "say \\\"hi\\\"");
  CHECK(escaped("C:\\temp\\") == "C:\\\\temp\\\\");
  CHECK(escaped("a\bb\fc\nd\re\tf") == "a\\bb\\fc\\nd\\re\\tf");
  CHECK(escaped(std::string("nul\0here", 8)) == "nul\\u0000here");
  CHECK(escaped("\x01\x1f") == "\\u0001\\u001f");
  CHECK(escaped("\x1b[0m") == "\\u001b[0m");
  CHECK(escaped("del\x7f") == "del\x7f");  // only U+0000..U+001F are escaped
  CHECK(escaped("/ stays /") == "/ stays /");
}

TEST_CASE("JsonWriter keeps valid UTF-8 as is", "[json-writer]") {
  CHECK(escaped("£10 – “smart” • 😀") == "£10 – “smart” • 😀");
  CHECK(escaped("\xF4\x8F\xBF\xBF") == "\xF4\x8F\xBF\xBF");  // U+10FFFF
  CHECK(escaped("\xEF\xBF\xBD") == "\xEF\xBF\xBD");          // U+FFFD itself
}

TEST_CASE("JsonWriter writes U+FFFD for each maximal invalid UTF-8 sequence", "[json-writer]") {
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(escaped("\x80") == fffd);                                   // lone continuation
  CHECK(escaped("a\xFFz") == "a" + fffd + "z");                     // never valid
  CHECK(escaped("\xC3\x28") == fffd + "(");                         // lead, then no continuation
  CHECK(escaped("\xE2\x82") == fffd);                               // truncated at the end
  CHECK(escaped("\xE2\x82x") == fffd + "x");                        // one U+FFFD for both bytes
  CHECK(escaped("\xC0\xAF") == fffd + fffd);                        // overlong
  CHECK(escaped("\xED\xA0\x80") == fffd + fffd + fffd);             // surrogate
  CHECK(escaped("\xF4\x90\x80\x80") == fffd + fffd + fffd + fffd);  // above U+10FFFF
  CHECK(escaped("\xF0\x9F\x98") == fffd);
  CHECK(escaped("\xF0\x9F\x98\"") == fffd + "\\\"");
  CHECK(escaped("\xC3\xA9\xA9") == "\xC3\xA9" + fffd);
}

TEST_CASE("JsonWriter's escaping equals nlohmann's on many strings", "[json-writer]") {
  // Every special byte at every position of a 20-byte string: the 8-byte fast path's edges.
  const std::string specials[] = {"\"",   "\\",       "\n",   "\x01",     "\x1f",
                                  "\x7f", "\xC3\xA9", "\x80", "\xE2\x82", "\xF0\x9F\x98\x80",
                                  "\xFF", " "};
  for (const auto& special : specials) {
    for (std::size_t at = 0; at <= 20; ++at) {
      std::string text(20, 'x');
      text.insert(at, special);
      INFO("special " << ordered_json(special).dump(-1, ' ', true, kReplace) << " at " << at);
      CHECK(escaped(text) == nlohmann_escaped(text));
    }
  }
  // Random strings over the bytes that matter: ASCII, controls, quote, backslash, leads and
  // continuations of every UTF-8 class, bytes that are never valid.
  const unsigned char alphabet[] = {'a',  ' ',  '"',  '\\', '\n', '\t', 0x00, 0x1F, 0x7F,
                                    0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF,
                                    0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF3, 0xF4, 0xF5, 0xFF};
  std::mt19937 random(20261122);
  std::uniform_int_distribution<std::size_t> pick(0, sizeof alphabet - 1);
  std::uniform_int_distribution<std::size_t> length(0, 24);
  for (int n = 0; n < 20000; ++n) {
    std::string text(length(random), ' ');
    for (char& c : text) c = static_cast<char>(alphabet[pick(random)]);
    INFO(ordered_json(text).dump(-1, ' ', true, kReplace));
    REQUIRE(escaped(text) == nlohmann_escaped(text));
    // The model's sanitiser makes the same substitutions.
    REQUIRE(escaped(sanitise_utf8(text)) == escaped(text));
  }
}

TEST_CASE("JsonWriter lays out objects and arrays as nlohmann's dump", "[json-writer]") {
  const ordered_json document = ordered_json::parse(R"({
      "string": "x", "null": null, "true": true, "false": false,
      "integer": -42, "zero": 0, "big": 9007199254740993, "float": 0.875, "whole": 1.0,
      "empty object": {}, "empty array": [],
      "nested": {"a": [1, [], {}, [[]], {"b": {"c": [null, "d"]}}], "e": {}},
      "strings": ["", "tab\there", "quote\"", "é"]
  })");
  for (Layout layout : {Layout::pretty, Layout::compact}) {
    CHECK(written(document, layout) == nlohmann_dump(document, layout));
  }
  // Top-level values of every kind.
  for (const char* text : {"{}", "[]", "null", "\"s\"", "7", "[{}]", "{\"k\":[]}"}) {
    const ordered_json value = ordered_json::parse(text);
    CHECK(written(value, Layout::pretty) == nlohmann_dump(value, Layout::pretty));
    CHECK(written(value, Layout::compact) == nlohmann_dump(value, Layout::compact));
  }
}

TEST_CASE("JsonWriter escapes keys too", "[json-writer]") {
  ordered_json object;
  object["a \"quoted\"\nkey"] = 1;
  object["bad \xFF key"] = "v";
  CHECK(written(object, Layout::pretty) == nlohmann_dump(object, Layout::pretty));
}

TEST_CASE("JsonWriter writes output bigger than its buffer whole and in order", "[json-writer]") {
  ordered_json array = ordered_json::array();
  for (int n = 0; n < 60000; ++n) {
    array.push_back({{"n", n}, {"text", "row " + std::to_string(n) + " – some text"}});
  }
  const std::string text = written(array, Layout::pretty);
  CHECK(text.size() > 2'000'000);
  CHECK(text == nlohmann_dump(array, Layout::pretty));
}

TEST_CASE("JsonWriter::raw writes text outside the values as given; empty views are fine",
          "[json-writer]") {
  std::ostringstream out;
  JsonWriter writer(out, Layout::compact);
  writer.begin_array();
  writer.end_array();
  writer.raw("\n");
  writer.begin_object();
  writer.key(std::string_view());
  writer.string(std::string_view());
  writer.end_object();
  writer.raw("\n");
  writer.flush();
  CHECK(out.str() == "[]\n{\"\":\"\"}\n");
}

}  // namespace
}  // namespace trackport
