// A batch hands its outcomes over in input order, with only a window of files converted ahead
// (pipeline/convert.hpp: convert_files_in_order), and stops when the output fails.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "pipeline/convert.hpp"

namespace fs = std::filesystem;
using namespace trackport;

namespace {

// `count` small CSV plans in a fresh folder, removed at the end.
struct Plans {
  explicit Plans(int count) {
    std::random_device random;
    dir = fs::temp_directory_path() / ("trackport-in-order-" + std::to_string(random()));
    fs::create_directories(dir);
    for (int i = 0; i < count; ++i) {
      const fs::path path = dir / ("plan-" + std::to_string(100 + i) + ".csv");
      std::ofstream(path) << "Ref,Action,Lead,RAG\n1,Action of plan " << i << ",Jo,Green\n";
      jobs.push_back(InputJob{path, nullptr});
    }
  }
  ~Plans() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
  fs::path dir;
  std::vector<InputJob> jobs;
};

}  // namespace

TEST_CASE("in order: outcomes come in input order, with at most the window converted ahead") {
  Plans plans(40);
  ConvertOptions options;  // in this process
  std::vector<std::string> handed;
  std::size_t done = 0, most_waiting = 0;
  const std::size_t window = 4;  // three threads: a window of four
  convert_files_in_order(
      plans.jobs, options, 3,
      [&](const FileOutcome&) {
        ++done;
        most_waiting = std::max(most_waiting, done - handed.size());
      },
      [&](FileOutcome&& outcome) {
        REQUIRE(outcome.ok());
        REQUIRE(outcome.documents.size() == 1);
        handed.push_back(outcome.path.filename().string());
      },
      window);
  REQUIRE(handed.size() == plans.jobs.size());
  for (std::size_t i = 0; i < handed.size(); ++i)
    CHECK(handed[i] == plans.jobs[i].path.filename().string());
  CHECK(most_waiting <= window);
}

TEST_CASE("in order: an output that fails stops the batch, and the error comes out") {
  Plans plans(30);
  ConvertOptions options;
  std::size_t handed = 0, done = 0;
  auto run = [&] {
    convert_files_in_order(
        plans.jobs, options, 2, [&](const FileOutcome&) { ++done; },
        [&](FileOutcome&&) {
          if (++handed == 5) throw std::runtime_error("disk full");
        },
        2);
  };
  CHECK_THROWS_WITH(run(), "disk full");
  CHECK(handed == 5);
  // Files already under way finish; none is started after the failure beyond the window.
  CHECK(done < plans.jobs.size());
}
