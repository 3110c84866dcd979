// One way in for every input: `convert` reads back what trackport wrote (its JSON and its
// databases) through the loader `diff` uses, told apart by content, not only by extension.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "support/sandbox.hpp"

namespace fs = std::filesystem;
using trackport::testing::Sandbox;

namespace {

const std::string kSamples = fs::path(TRACKPORT_SOURCE_DIR) / "samples";

bool only_lists_a_skipped_file(const nlohmann::json& document) {
  const auto& warnings = document.at("warnings");
  return document.at("items").empty() && warnings.size() == 1 &&
         warnings.front().at("code") == "input-skipped";
}

// Each converted document's items (their JSON form), by the source file the document came from
// (a database keeps no document for a file passed over, such as samples/README.md).
std::map<std::string, nlohmann::json> items_by_source(const std::string& json_text) {
  std::map<std::string, nlohmann::json> items;
  for (const auto& document : nlohmann::json::parse(json_text)) {
    if (only_lists_a_skipped_file(document)) continue;
    items[document.at("source").at("file").get<std::string>()] = document.at("items");
  }
  return items;
}

std::size_t lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("cli: a trackport .json converts back to the same documents and items") {
  Sandbox box;
  REQUIRE(box.run("convert '" + kSamples + "' -o all.json --quiet").status == 0);
  const std::string original = Sandbox::slurp(box.path("all.json"));
  const auto items = items_by_source(original);
  REQUIRE(items.size() >= 6);  // every sample is a document

  auto run = box.run("convert all.json -o back.json");
  INFO(run.err);
  CHECK(run.status == 0);
  CHECK(items_by_source(Sandbox::slurp(box.path("back.json"))) == items);
  // Read as written: the documents are the same, member for member.
  CHECK(nlohmann::json::parse(Sandbox::slurp(box.path("back.json"))) ==
        nlohmann::json::parse(original));

  // Told by its first bytes whatever its name.
  fs::copy_file(box.path("all.json"), box.path("all.txt"));
  auto renamed = box.run("convert all.txt -o renamed.json --quiet");
  INFO(renamed.err);
  CHECK(renamed.status == 0);
  CHECK(items_by_source(Sandbox::slurp(box.path("renamed.json"))) == items);
}

TEST_CASE("cli: a trackport database converts back to the same items, whole or one document") {
  Sandbox box;
  REQUIRE(box.run("convert '" + kSamples + "' -o all.json --quiet").status == 0);
  REQUIRE(box.run("convert '" + kSamples + "' -o all.sqlite --quiet").status == 0);
  const auto items = items_by_source(Sandbox::slurp(box.path("all.json")));

  auto run = box.run("convert all.sqlite -o back.json");
  INFO(run.err);
  CHECK(run.status == 0);
  CHECK(items_by_source(Sandbox::slurp(box.path("back.json"))) == items);

  // "SQLite format 3\0" says what it is, not the name.
  fs::copy_file(box.path("all.sqlite"), box.path("all.bak"));
  auto renamed = box.run("convert all.bak -o renamed.json --quiet");
  INFO(renamed.err);
  CHECK(renamed.status == 0);
  CHECK(items_by_source(Sandbox::slurp(box.path("renamed.json"))) == items);

  // One document of it, named by its source file, beside a tracker converted afresh.
  const std::string csv = kSamples + "/sheffield-tracker-extract.csv";
  auto member = box.run("convert 'all.sqlite:" + csv + "' -o one.json --quiet");
  INFO(member.err);
  CHECK(member.status == 0);
  const auto one = items_by_source(Sandbox::slurp(box.path("one.json")));
  REQUIRE(one.size() == 1);
  CHECK(one.at(csv) == items.at(csv));
}

TEST_CASE("cli: a JSON that is not trackport's is one line naming it") {
  Sandbox box;
  box.write("other.json", R"({"name": "a package", "version": "1.0"})");
  box.write("broken.json", R"([{"schema_version": "1", "items": [)");
  box.write("empty.json", "[]");
  for (const char* input : {"other.json", "broken.json", "empty.json"}) {
    INFO(input);
    auto run = box.run(std::string("convert ") + input + " -o out.json");
    INFO(run.err);
    CHECK(run.status == 1);
    CHECK(run.err.starts_with("trackport: " + std::string(input) + ": "));
    CHECK(lines(run.err) == 2);  // the file's line, then "nothing converted"
    CHECK_FALSE(fs::exists(box.path("out.json")));
  }
  auto other = box.run("convert other.json -o out.json");
  CHECK(other.err.find("not trackport JSON") != std::string::npos);
  CHECK(box.run("convert empty.json -o out.json").err.find("holds no documents") !=
        std::string::npos);
}
