// Golden tests: every tests/golden/<format>/<case>.<ext> is converted and compared with
// <case>.<ext>.expected.json beside it, and every samples/<name> with
// tests/golden/samples/<name>.expected.json. Run with TRACKPORT_ACCEPT=1 to rewrite the expected
// files, then read the diff (git diff tests/golden) before committing: a golden is only as good as
// its review (see tests/golden/README.md).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "exporters/json/json_exporter.hpp"
#include "pipeline/convert.hpp"

namespace fs = std::filesystem;
using trackport::ConvertOptions;

namespace {

const fs::path kGoldenDir = fs::path(TRACKPORT_TEST_DIR) / "golden";
const fs::path kSourceDir = fs::path(TRACKPORT_SOURCE_DIR);

struct GoldenCase {
  fs::path input;     // relative to kSourceDir
  fs::path expected;  // absolute
};

bool is_input(const fs::directory_entry& entry) {
  const auto name = entry.path().filename().string();
  return entry.is_regular_file() && !name.starts_with(".") && !name.ends_with(".json") &&
         !name.ends_with(".md") && !name.ends_with(".py") && !name.ends_with(".sh");
}

std::vector<GoldenCase> golden_cases() {
  std::vector<GoldenCase> cases;
  for (const auto& entry : fs::recursive_directory_iterator(kGoldenDir)) {
    if (!is_input(entry)) continue;
    cases.push_back(
        {fs::relative(entry.path(), kSourceDir), entry.path().string() + ".expected.json"});
  }
  for (const auto& entry : fs::directory_iterator(kSourceDir / "samples")) {
    if (!is_input(entry)) continue;
    auto name = entry.path().filename().string();
    cases.push_back(
        {fs::path("samples") / name, kGoldenDir / "samples" / (name + ".expected.json")});
  }
  std::sort(cases.begin(), cases.end(),
            [](const auto& a, const auto& b) { return a.input < b.input; });
  return cases;
}

// The document as JSON, with the file named relative to the repository so expectations do not
// depend on where it is checked out.
nlohmann::ordered_json convert_to_json(const fs::path& input) {
  auto cwd = fs::current_path();
  fs::current_path(kSourceDir);
  auto document = trackport::convert_file(input, ConvertOptions{});
  fs::current_path(cwd);
  return trackport::document_to_json(document);
}

// The first place two JSON values differ, as a path.
std::string first_difference(const nlohmann::ordered_json& want, const nlohmann::ordered_json& got,
                             const std::string& path = "") {
  if (want.type() != got.type()) return path + ": type differs";
  if (want.is_object()) {
    for (const auto& [key, value] : want.items()) {
      if (!got.contains(key)) return path + "." + key + ": missing";
      auto inner = first_difference(value, got[key], path + "." + key);
      if (!inner.empty()) return inner;
    }
    for (const auto& [key, value] : got.items()) {
      if (!want.contains(key)) return path + "." + key + ": unexpected";
    }
    return "";
  }
  if (want.is_array()) {
    for (std::size_t i = 0; i < std::min(want.size(), got.size()); ++i) {
      auto inner = first_difference(want[i], got[i], path + "[" + std::to_string(i) + "]");
      if (!inner.empty()) return inner;
    }
    if (want.size() != got.size()) {
      return path + ": " + std::to_string(want.size()) + " entries expected, got " +
             std::to_string(got.size());
    }
    return "";
  }
  if (want != got) return path + ": expected " + want.dump() + ", got " + got.dump();
  return "";
}

}  // namespace

TEST_CASE("golden files: each input converts to its reviewed JSON") {
  const bool accept = std::getenv("TRACKPORT_ACCEPT") != nullptr;
  auto cases = golden_cases();
  REQUIRE_FALSE(cases.empty());
  for (const auto& [input, expected_path] : cases) {
    SECTION(input.string()) {
      auto got = convert_to_json(input);
      if (accept) {
        fs::create_directories(expected_path.parent_path());
        std::ofstream(expected_path) << got.dump(2) << '\n';
        WARN("rewrote " << expected_path.string());
        continue;
      }
      std::ifstream in(expected_path);
      INFO("no expected output " << expected_path.string() << " (run with TRACKPORT_ACCEPT=1)");
      REQUIRE(in.good());
      auto want = nlohmann::ordered_json::parse(in);
      INFO(input.string() << ": first difference at " << first_difference(want, got));
      CHECK(want == got);
    }
  }
}
