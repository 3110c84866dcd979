// Times each exporter writing N synthetic items to a file. The items are built in memory first
// (not timed) and look like a real delivery plan's: a theme, ~80 characters of text, a measure, a
// due with dates, one or two leads, ~150 characters of progress with a "• " line, a status, one
// assessment and one extra field, a spreadsheet location.
//
//   export_bench N OUTDIR [FORMAT...]     FORMAT: an exporter name, e.g. json jsonl csv xlsx
//                                         (the default: those four)
//
// Prints one line per format: "FORMAT user_seconds system_seconds wall_seconds bytes" (CPU time
// of the write alone, from getrusage: a busy shared machine skews it less than wall time).
// Built by bench/export/run.sh. It writes through the exporter registry's write_file, as
// `trackport convert -o` does.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "exporters/exporter.hpp"
#include "model/document.hpp"

namespace {

using namespace std::chrono_literals;
using trackport::Document;
using trackport::Item;
using trackport::Rating;

const char* const kThemes[] = {"Healthy lives", "Safe and secure communities",
                               "Economic growth and jobs", "Children and young people",
                               "Housing and neighbourhoods"};
const char* const kLeads[] = {"Jo Smith", "Public Health", "Director of Housing",
                              "Head of Economic Development", "Community Safety Partnership"};
const Rating kRatings[] = {Rating::red,         Rating::amber, Rating::green,
                           Rating::amber_green, Rating::none,  Rating::blue};

std::string numbered(const char* text, std::size_t n) {
  return std::string(text) + " " + std::to_string(n);
}

Item synthetic_item(std::size_t n) {
  Item item;
  item.id = std::to_string(n + 1);
  item.theme = kThemes[n % 5];
  item.ref = std::to_string(n / 100 + 1) + "." + std::to_string(n % 100 + 1);
  item.text =
      numbered("Increase the number of young people in education, employment or training by",
               n % 40 + 5) +
      "%";
  item.measure = "Percentage of 16-18 year olds NEET";
  const int year = 2013 + static_cast<int>(n % 4);
  item.due = trackport::Due{"Mar-" + std::to_string(year % 100), std::chrono::year{year} / 3 / 1,
                            std::chrono::year{year} / 3 / 31};
  item.leads = {kLeads[n % 5]};
  if (n % 3 == 0) item.leads.push_back(kLeads[(n + 2) % 5]);
  item.progress =
      "Q2: the partnership agreed the \"NEET reduction\" plan; 42 referrals this quarter.\n"
      "• Next step: report to the board in " +
      std::to_string(n % 12 + 1) + " weeks – £2,500 spent";
  item.status = kRatings[n % 6];
  item.assessments = {{"officer", kRatings[(n + 1) % 6], "A/G", trackport::RatingSource::text, ""}};
  item.extra = {{"Budget", "£" + std::to_string(1000 + n % 9000)}};
  item.source.file = "plans/big.xlsx";
  item.source.sheet = "Plan";
  item.source.cells = "A" + std::to_string(n + 2) + ":J" + std::to_string(n + 2);
  return item;
}

Document synthetic_document(std::size_t items) {
  Document document;
  document.title = "Big delivery plan 2013 – 2017";
  document.organisation = "Example Borough Council";
  document.source = {"plans/big.xlsx", "xlsx", "9f86d081884c7d659a2feaa0c55ad015"};
  document.mapping = {"generic", 0.875, true};
  document.items.reserve(items);
  for (std::size_t n = 0; n < items; ++n) document.items.push_back(synthetic_item(n));
  return document;
}

struct CpuSeconds {
  double user = 0;
  double system = 0;
};

CpuSeconds cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](timeval time) {
    return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
  };
  return {seconds(usage.ru_utime), seconds(usage.ru_stime)};
}

void time_format(const std::string& format, const std::vector<Document>& documents,
                 const std::filesystem::path& directory) {
  const trackport::Exporter* exporter = trackport::exporter_named(format);
  if (exporter == nullptr) throw std::runtime_error("no exporter named " + format);
  const std::filesystem::path path = directory / ("bench." + format);
  const CpuSeconds before = cpu_seconds();
  const auto wall_before = std::chrono::steady_clock::now();
  exporter->write_file(documents, path);
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - wall_before;
  const CpuSeconds after = cpu_seconds();
  std::printf("%s %.3f %.3f %.3f %llu\n", format.c_str(), after.user - before.user,
              after.system - before.system, wall.count(),
              static_cast<unsigned long long>(std::filesystem::file_size(path)));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s N OUTDIR [json|jsonl|csv|xlsx ...]\n", argv[0]);
    return 2;
  }
  try {
    const auto items = static_cast<std::size_t>(std::strtoull(argv[1], nullptr, 10));
    const std::filesystem::path directory = argv[2];
    std::filesystem::create_directories(directory);
    std::vector<std::string> formats(argv + 3, argv + argc);
    if (formats.empty()) formats = {"json", "jsonl", "csv", "xlsx"};
    const std::vector<Document> documents = {synthetic_document(items)};
    for (const auto& format : formats) time_format(format, documents, directory);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "export_bench: %s\n", error.what());
    return 1;
  }
  return 0;
}
