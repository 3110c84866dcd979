// Every input accounted for: each file a run finds is converted or named as skipped, with the
// reason, on stderr and in the output; the output never swallows itself; stdout is only data.
#include <sys/stat.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "support/sandbox.hpp"

namespace fs = std::filesystem;
using trackport::testing::Sandbox;

namespace {

const fs::path kSamples = fs::path(TRACKPORT_SOURCE_DIR) / "samples";

// The sources an output lists, with the warning codes each one carries.
std::map<std::string, std::set<std::string>> sources_of(const std::string& json_text) {
  std::map<std::string, std::set<std::string>> sources;
  for (const auto& document : nlohmann::json::parse(json_text)) {
    auto& codes = sources[document.at("source").at("file").get<std::string>()];
    for (const auto& warning : document.at("warnings")) codes.insert(warning.at("code"));
  }
  return sources;
}

std::size_t items_in(const std::string& json_text) {
  std::size_t items = 0;
  for (const auto& document : nlohmann::json::parse(json_text))
    items += document.at("items").size();
  return items;
}

// A copy of a sample at `name` in the sandbox, its folders made.
void copy_sample(const Sandbox& box, const char* sample, const std::string& name) {
  fs::create_directories(box.path(name).parent_path());
  fs::copy_file(kSamples / sample, box.path(name));
}

// A quarter's returns as they arrive: two trackers, a Word 97 file, an Excel binary workbook,
// a CSV that is no tracker, an Office lock file, and the team's own notes.
void fill_returns(const Sandbox& box) {
  copy_sample(box, "sheffield-tracker-extract.csv", "returns/tracker.csv");
  box.write("returns/sub/plan.tsv",
            "Ref\tAction\tLead\tRAG\n1\tOpen a youth hub\tJo Bloggs\tGreen\n");
  box.write("returns/w.doc", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "Word 97");
  box.write("returns/q2.xlsb", "PK\x03\x04 binary workbook");
  box.write("returns/contacts.csv", "Name,Phone\nJo,0114 000 0000\n");
  box.write("returns/~$tracker.xlsx", "lock");
  box.write("returns/.hidden.csv", "Ref,Action\n1,Hidden\n");
  box.write("returns/mapping.yaml", "name: x\n");
}

}  // namespace

// No LibreOffice to be found: legacy formats are skipped, naming the package that reads them.
const std::string kNoLibreOffice = "PATH=/nonexistent";

TEST_CASE("accounted: every file a folder holds is converted or named as skipped") {
  Sandbox box;
  fill_returns(box);
  auto run = box.run("convert returns -o out.json", kNoLibreOffice);
  REQUIRE(run.status == 0);  // skipping is not failing; --strict makes it so
  for (const char* line : {"returns/w.doc: skipped: legacy binary Word (.doc) document: trackport "
                           "reads it through LibreOffice, which is not installed (Debian package "
                           "libreoffice-writer-nogui; or give --libreoffice PATH)",
                           "returns/q2.xlsb: skipped: Excel binary workbook (.xlsb): trackport "
                           "reads it through LibreOffice, which is not installed (Debian package "
                           "libreoffice-calc-nogui; or give --libreoffice PATH)",
                           "returns/~$tracker.xlsx: skipped: an Office lock file",
                           "converted 3 of 3 file(s)", "3 other file(s) skipped"}) {
    INFO(line);
    CHECK(run.err.find(line) != std::string::npos);
  }
  // The summary shows a skipped file as such, not as a file that gave no items.
  auto summary = box.run("convert returns -o summary.json --summary", kNoLibreOffice);
  CHECK(summary.out.find("returns/w.doc") != std::string::npos);
  CHECK(summary.out.find("(input-skipped)") != std::string::npos);
  const auto no_items = summary.out.find("gave no items");
  REQUIRE(no_items != std::string::npos);  // contacts.csv did
  CHECK(summary.out.find("w.doc", no_items) == std::string::npos);
  CHECK(summary.out.find("contacts.csv", no_items) != std::string::npos);
  // Hidden files and mapping files are passed over without a word.
  CHECK(run.err.find(".hidden.csv") == std::string::npos);
  CHECK(run.err.find("mapping.yaml") == std::string::npos);

  const auto sources = sources_of(Sandbox::slurp(box.path("out.json")));
  CHECK(sources.size() == 6);
  CHECK(sources.at("returns/w.doc") == std::set<std::string>{"input-skipped"});
  CHECK(sources.at("returns/q2.xlsb") == std::set<std::string>{"input-skipped"});
  CHECK(sources.at("returns/~$tracker.xlsx") == std::set<std::string>{"input-skipped"});
  // The file that is no tracker is converted, and says it gave no items.
  CHECK(sources.at("returns/contacts.csv").count("header-not-found") == 1);
  CHECK(sources.at("returns/tracker.csv").count("input-skipped") == 0);
  CHECK(sources.count("returns/sub/plan.tsv") == 1);
}

TEST_CASE("accounted: --strict turns chosen warning codes into exit 1, the output still written") {
  Sandbox box;
  fill_returns(box);
  auto no_items = box.run("convert returns -o a.json --strict header-not-found", kNoLibreOffice);
  CHECK(no_items.status == 1);
  CHECK(no_items.err.find("returns/contacts.csv: header-not-found (--strict)") !=
        std::string::npos);
  CHECK(fs::exists(box.path("a.json")));
  auto skipped = box.run("convert returns -o b.json --strict 'input-skipped, header-not-found'",
                         kNoLibreOffice);
  CHECK(skipped.status == 1);
  CHECK(skipped.err.find("returns/w.doc: input-skipped (--strict)") != std::string::npos);
  CHECK(box.run("convert returns/tracker.csv -o c.json --strict table-not-mapped").status == 0);
  CHECK(box.run("convert returns -o d.json --strict ,").status == 2);
}

TEST_CASE("accounted: the same command run three times gives the same output") {
  Sandbox box;
  copy_sample(box, "sheffield-tracker-extract.csv", "q2/tracker.csv");
  copy_sample(box, "sheffield-tracker-styled.xlsx", "q2/styled.xlsx");
  std::string first;
  for (int run = 0; run < 3; ++run) {
    INFO("run " << run + 1);
    // The workbook goes into the folder it reads; the JSON shows what was read.
    REQUIRE(box.run("convert q2 -o q2/standard.xlsx --quiet").status == 0);
    auto json = box.run("convert q2 -o out.json");
    REQUIRE(json.status == 0);
    const std::string text = Sandbox::slurp(box.path("out.json"));
    CHECK(items_in(text) == 24);
    if (run == 0) first = text;
    CHECK(text == first);
    CHECK(json.err.find("q2/standard.xlsx: skipped: a workbook trackport wrote") !=
          std::string::npos);
  }
  // So is a CSV file trackport wrote, of any of its tables.
  REQUIRE(box.run("convert q2 -o q2/items.csv --quiet").status == 0);
  REQUIRE(box.run("convert q2 -o q2/risks.csv --table risks --quiet").status == 0);
  auto with_csv = box.run("convert q2 -o out.json");
  CHECK(items_in(Sandbox::slurp(box.path("out.json"))) == 24);
  CHECK(with_csv.err.find("q2/items.csv: skipped: a CSV file trackport wrote") !=
        std::string::npos);
  CHECK(with_csv.err.find("q2/risks.csv: skipped: a CSV file trackport wrote") !=
        std::string::npos);
  auto itself = box.run("convert q2 -o q2/standard.xlsx");
  CHECK(itself.err.find("q2/standard.xlsx: skipped: the output of this run") != std::string::npos);
  // Named, a standard workbook is read back: its 24 items.
  auto named = box.run("convert q2/standard.xlsx -o back.json --quiet");
  REQUIRE(named.status == 0);
  CHECK(items_in(Sandbox::slurp(box.path("back.json"))) == 24);
}

TEST_CASE("accounted: a file listed twice is converted once") {
  Sandbox box;
  copy_sample(box, "sheffield-tracker-extract.csv", "in/tracker.csv");
  box.write("list.txt", "in/tracker.csv\nin/./tracker.csv\nin/tracker.csv\n");
  auto run = box.run("convert --manifest list.txt in -o out.json");
  REQUIRE(run.status == 0);
  CHECK(run.err.find("in/./tracker.csv: skipped: listed twice (also as in/tracker.csv)") !=
        std::string::npos);
  CHECK(run.err.find("converted 1 of 1 file(s): 12 items") != std::string::npos);
  CHECK(items_in(Sandbox::slurp(box.path("out.json"))) == 12);
}

TEST_CASE("accounted: with -o -, stdout holds the data alone") {
  Sandbox box;
  copy_sample(box, "sheffield-tracker-extract.csv", "tracker.csv");
  auto run = box.run("convert tracker.csv -o - --format json --summary");
  REQUIRE(run.status == 0);
  CHECK(items_in(run.out) == 12);  // parses: nothing but the JSON
  CHECK(run.err.find("sheffield-child-poverty") != std::string::npos);  // the summary's row
  CHECK(run.err.find("converted 1 of 1") != std::string::npos);
  auto to_file = box.run("convert tracker.csv -o out.json --summary");
  CHECK(to_file.out.find("sheffield-child-poverty") != std::string::npos);
}

TEST_CASE("accounted: - reads standard input; --from forces the format") {
  Sandbox box;
  copy_sample(box, "sheffield-tracker-extract.csv", "tracker.csv");
  copy_sample(box, "sheffield-tracker-styled.xlsx", "styled.xlsx");
  // Told apart by content: delimited text, and a workbook.
  auto text = box.run_fed("tracker.csv", "convert - -o text.json --quiet");
  REQUIRE(text.status == 0);
  const auto documents = nlohmann::json::parse(Sandbox::slurp(box.path("text.json")));
  CHECK(documents.at(0).at("source").at("file") == "-");
  CHECK(documents.at(0).at("items").size() == 12);
  auto workbook = box.run_fed("styled.xlsx", "convert - -o book.json --quiet");
  REQUIRE(workbook.status == 0);
  CHECK(items_in(Sandbox::slurp(box.path("book.json"))) == 12);
  auto empty = box.run("convert - -o none.json");
  CHECK(empty.status == 1);
  CHECK(empty.err.find("trackport: -: standard input is empty") != std::string::npos);

  // A name that says nothing: --from says what it is.
  fs::copy_file(box.path("tracker.csv"), box.path("export.data"));
  CHECK(box.run("convert export.data -o a.json --quiet").status == 1);
  REQUIRE(box.run("convert export.data -o b.json --quiet --from csv").status == 0);
  CHECK(items_in(Sandbox::slurp(box.path("b.json"))) == 12);
  // Forced to the wrong format, the file fails as that format would.
  auto wrong = box.run("convert tracker.csv -o c.json --from pdf");
  CHECK(wrong.status == 1);
  CHECK(wrong.err.find("tracker.csv: damaged PDF") != std::string::npos);
  auto unknown = box.run("convert tracker.csv -o d.json --from xlx");
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("(did you mean 'xlsx'?)") != std::string::npos);
}

TEST_CASE("accounted: links to nothing or to folders, FIFOs and sockets are named, never read") {
  Sandbox box;
  copy_sample(box, "sheffield-tracker-extract.csv", "in/tracker.csv");
  fs::create_symlink("no-such.csv", box.path("in/dangling.csv"));
  fs::create_symlink("loop-b.csv", box.path("in/loop-a.csv"));
  fs::create_symlink("loop-a.csv", box.path("in/loop-b.csv"));
  fs::create_symlink("..", box.path("in/up"));  // a loop for a walk that followed it
  fs::create_symlink("tracker.csv", box.path("in/linked.csv"));
  REQUIRE(::mkfifo(box.path("in/pipe.csv").c_str(), 0600) == 0);  // opening it would block
  auto run = box.run("convert in -o out.json");
  INFO(run.err);
  CHECK(run.status == 0);
  auto said = [&](const std::string& name, const std::string& why) {
    return run.err.find("in/" + name + ": skipped: " + why) != std::string::npos;
  };
  CHECK(said("dangling.csv", "a symbolic link to nothing (or a loop of links)"));
  CHECK(said("loop-a.csv", "a symbolic link to nothing (or a loop of links)"));
  CHECK(said("loop-b.csv", "a symbolic link to nothing (or a loop of links)"));
  CHECK(said("up", "a symbolic link to a folder (not followed)"));
  CHECK(said("pipe.csv", "not a regular file (a FIFO)"));
  const auto sources = sources_of(Sandbox::slurp(box.path("out.json")));
  // The tracker converted once, through its link (the same file, listed twice), and each skipped
  // one listed as such.
  CHECK(sources.size() == 7);
  CHECK(sources.at("in/linked.csv").count("input-skipped") == 0);
  CHECK(said("tracker.csv", "listed twice (also as in/linked.csv); converted once"));
  CHECK(sources.at("in/pipe.csv").count("input-skipped") == 1);
}
