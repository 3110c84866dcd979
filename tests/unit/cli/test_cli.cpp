// Whole command-line sessions: the binary as a user runs it, its exit status, stdout and stderr.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "exporters/exporter.hpp"
#include "exporters/sqlite/sqlite_reader.hpp"
#include "pipeline/convert.hpp"
#include "support/sandbox.hpp"

namespace fs = std::filesystem;
using trackport::testing::Run;
using trackport::testing::Sandbox;

namespace {

std::size_t lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

const std::string kSample =
    fs::path(TRACKPORT_SOURCE_DIR) / "samples" / "sheffield-tracker-extract.csv";

}  // namespace

TEST_CASE("cli: --version and --help answer with exit 0") {
  Sandbox box;
  auto version = box.run("--version");
  CHECK(version.status == 0);
  CHECK(version.out.starts_with("trackport "));
  auto help = box.run("convert --help");
  CHECK(help.status == 0);
  CHECK(help.out.find("usage: trackport convert") != std::string::npos);
  for (const char* command : {"inspect", "tables", "mappings"}) {
    CHECK(box.run(std::string(command) + " --help").status == 0);
  }
}

TEST_CASE("cli: usage errors exit 2 with one line") {
  Sandbox box;
  for (const char* arguments :
       {"", "frobnicate", "convert x.csv", "convert -o out.json",
        "convert x.csv -o out.json --no-such-option", "convert x.csv -o out.docx",
        "convert x.csv -o out.json --jobs 0", "convert x.csv -o out.csv --table nosuch",
        "convert x.csv -o out.json --table risks", "convert x.csv -o out.xlsx --table items",
        "mappings", "mappings show no-such-mapping"}) {
    INFO(arguments);
    auto run = box.run(arguments);
    CHECK(run.status == 2);
    if (std::string(arguments).empty()) continue;  // no command at all: the usage text
    CHECK(run.err.starts_with("trackport: "));
    CHECK(lines(run.err) == 1);
  }
}

TEST_CASE("cli: a sample converts to every output format") {
  Sandbox box;
  for (const char* output : {"out.json", "out.jsonl", "out.csv", "out.xlsx"}) {
    INFO(output);
    auto run = box.run("convert '" + kSample + "' -o " + output + " --quiet");
    CHECK(run.status == 0);
    CHECK(run.err.empty());
    CHECK(fs::file_size(box.path(output)) > 1000);
  }
  auto json = Sandbox::slurp(box.path("out.json"));
  CHECK(json.find("\"schema_version\": \"1\"") != std::string::npos);
  CHECK(json.find("\"name\": \"sheffield-child-poverty\"") != std::string::npos);
  auto stdout_run = box.run("convert '" + kSample + "' -o - --format jsonl --quiet");
  CHECK(stdout_run.status == 0);
  CHECK(lines(stdout_run.out) == 12);  // one a line: the sample's 12 items
  const auto first = nlohmann::json::parse(stdout_run.out.substr(0, stdout_run.out.find('\n')));
  CHECK(first.at("document").at("mapping").at("name") == "sheffield-child-poverty");
  CHECK(first.at("id").is_string());
  CHECK(box.run("convert '" + kSample + "' -o - --format xlsx").status == 2);
}

TEST_CASE("cli: bad inputs get one line naming the file; nothing is half-written") {
  Sandbox box;
  box.write("empty.csv", "");
  box.write("binary.csv", std::string("\x7f"
                                      "ELF\2\1\1\0\0\0\0\0",
                                      12));
  box.write("legacy.xls",
            std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'));
  for (const char* name : {"empty.csv", "binary.csv", "legacy.xls", "missing.csv"}) {
    INFO(name);
    auto run = box.run(std::string("convert ") + name + " -o out.json");
    CHECK(run.status == 1);
    CHECK(lines(run.err) == 2);  // the file's reason, then "nothing converted"
    CHECK(run.err.starts_with(std::string("trackport: ") + name + ": "));
    CHECK_FALSE(fs::exists(box.path("out.json")));
  }
  CHECK(box.files() == std::vector<std::string>{"binary.csv", "empty.csv", "legacy.xls"});
}

TEST_CASE("cli: in a batch one bad file never stops the others") {
  Sandbox box;
  fs::create_directories(box.path("batch/sub"));
  fs::copy_file(kSample, box.path("batch/a-good.csv"));
  box.write("batch/b-empty.csv", "");
  fs::copy_file(kSample, box.path("batch/sub/c-good.csv"), fs::copy_options::none);
  // A legacy workbook in the folder is found like the others.
  fs::copy_file(fs::path(TRACKPORT_TEST_DIR) / "fixtures/xls/tracker.xls",
                box.path("batch/sub/d-legacy.xls"));
  auto run = box.run("convert batch -o out.json --jobs 2");
  CHECK(run.status == 1);
  CHECK(run.err.find("trackport: batch/b-empty.csv: empty file") != std::string::npos);
  CHECK(run.err.find("converted 3 of 4 file(s)") != std::string::npos);
  auto json = Sandbox::slurp(box.path("out.json"));
  CHECK(json.find("batch/a-good.csv") < json.find("batch/sub/c-good.csv"));  // sorted by path
  CHECK(json.find("batch/sub/c-good.csv") < json.find("batch/sub/d-legacy.xls"));
}

TEST_CASE("cli: an output that cannot be written fails without leaving a temporary file") {
  Sandbox box;
  auto run = box.run("convert '" + kSample + "' -o no-such-dir/out.json");
  CHECK(run.status == 1);
  CHECK(lines(run.err) == 1);
  CHECK(run.err.find("cannot write no-such-dir/out.json: no folder no-such-dir") !=
        std::string::npos);
  CHECK(box.files().empty());
}

TEST_CASE("cli: mapping files are checked, and their mistakes reported with a position") {
  Sandbox box;
  box.write("good.yaml", "name: mine\ncolumns:\n  - {header: Task, field: text}\n");
  box.write("typo.yaml", "name: mine\ncolums:\n  - {header: Task, field: text}\n");
  CHECK(box.run("mappings check good.yaml").status == 0);
  auto bad = box.run("mappings check typo.yaml");
  CHECK(bad.status == 1);
  CHECK(bad.err.starts_with("typo.yaml:2:1: unknown key 'colums'"));
  auto with_typo = box.run("convert '" + kSample + "' -o out.json --mapping typo.yaml");
  CHECK(with_typo.status == 2);
  CHECK(lines(with_typo.err) == 1);
  auto unknown = box.run("convert '" + kSample + "' -o out.json --mapping no-such-mapping");
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("unknown mapping 'no-such-mapping'") != std::string::npos);
  CHECK_FALSE(fs::exists(box.path("out.json")));
  auto list = box.run("mappings list");
  CHECK(list.out.find("sheffield-child-poverty") != std::string::npos);
  CHECK(list.out.find("generic") != std::string::npos);
  auto show = box.run("mappings show nottingham-progress-review");
  CHECK(show.out.find("Officer RAG") != std::string::npos);
}

TEST_CASE("cli: inspect shows the header row and the mapping chosen") {
  Sandbox box;
  auto run = box.run("inspect '" + kSample + "'");
  CHECK(run.status == 0);
  CHECK(run.out.find("mapping: sheffield-child-poverty") != std::string::npos);
  CHECK(run.out.find("What will we do? -> text") != std::string::npos);
}

TEST_CASE("cli: tables writes the grid") {
  Sandbox box;
  auto run = box.run("tables '" + kSample + "' -o grid.json");
  CHECK(run.status == 0);
  auto json = Sandbox::slurp(box.path("grid.json"));
  CHECK(json.find("\"row_span\"") != std::string::npos);
  CHECK(json.find("\"text\": \"Challenge\"") != std::string::npos);
}

TEST_CASE("cli: trackport.yaml names the organisation and mapping of the files under it") {
  Sandbox box;
  box.write("returns/leeds/trackport.yaml",
            "organisation: Leeds City Council\nmapping: custom.yaml\n");
  box.write("returns/leeds/custom.yaml",
            "name: leeds-custom\ncolumns:\n  - {header: Task, field: text}\n"
            "  - {header: Progress, field: rating}\nvalues:\n  On track: green\n");
  box.write("returns/leeds/q2/tracker.csv", "Task,Progress\nMend roads,On track\n");
  box.write("returns/other/tracker.csv", "Task,Progress\nMend roads,On track\n");
  auto run = box.run("convert returns -o out.json --quiet");
  CHECK(run.status == 0);
  auto json = Sandbox::slurp(box.path("out.json"));
  // The Leeds file: organisation and mapping from the yaml, so "On track" is green.
  auto leeds = json.find("returns/leeds/q2/tracker.csv");
  auto other = json.find("returns/other/tracker.csv");
  REQUIRE(leeds != std::string::npos);
  REQUIRE(other != std::string::npos);
  CHECK(json.find("\"organisation\": \"Leeds City Council\"") < other);
  CHECK(json.find("\"name\": \"leeds-custom\"") < other);
  CHECK(json.find("\"status\": \"green\"") < other);
  CHECK(json.find("\"status\": \"green\"", other) == std::string::npos);
  // The command line wins over the yaml.
  box.run("convert returns -o out2.json --quiet --organisation Override");
  CHECK(Sandbox::slurp(box.path("out2.json")).find("Leeds City Council") == std::string::npos);

  // A trackport.yaml that cannot be read fails the files under it, each with one line naming
  // the file and the yaml's fault; the rest of the batch converts.
  box.write("bad/trackport.yaml", "organisation: X\nmaping: y\n");
  box.write("bad/a.csv", "Task\nx\n");
  box.write("bad/deep/trackport.yaml", "organisation: " + std::string(100000, '[') + "\n");
  box.write("bad/deep/b.csv", "Task\nx\n");
  box.write("bad/good/trackport.yaml", "organisation: Good\n");
  box.write("bad/good/c.csv", "Task,Progress\nMend roads,On track\n");
  auto bad = box.run("convert bad -o out3.json");
  CHECK(bad.status == 1);
  CHECK(bad.err.find("bad/a.csv: its folder's settings cannot be read: ") != std::string::npos);
  CHECK(bad.err.find("bad/trackport.yaml:2:1: unknown key 'maping'") != std::string::npos);
  CHECK(bad.err.find("bad/deep/b.csv: its folder's settings cannot be read: ") !=
        std::string::npos);
  CHECK(bad.err.find("nested more than") != std::string::npos);
  CHECK(Sandbox::slurp(box.path("out3.json")).find("\"organisation\": \"Good\"") !=
        std::string::npos);
  auto alone = box.run("convert bad/a.csv -o out4.json");
  CHECK(alone.status == 1);
  CHECK(alone.err.find("bad/a.csv: its folder's settings cannot be read: ") != std::string::npos);
}

TEST_CASE("cli: a manifest lists inputs, and shards split them without overlap") {
  Sandbox box;
  std::string manifest = "# this quarter\n";
  for (int i = 1; i <= 5; ++i) {
    auto name = "in/f" + std::to_string(i) + ".csv";
    box.write(name, "Action,Status\nItem " + std::to_string(i) + ",Green\n");
    manifest += name + "\n";
  }
  box.write("list.txt", manifest + "\n");
  auto all = box.run("convert --manifest list.txt -o all.jsonl --quiet");
  CHECK(all.status == 0);
  CHECK(lines(Sandbox::slurp(box.path("all.jsonl"))) == 5);
  std::string seen;
  for (int k = 1; k <= 2; ++k) {
    auto run = box.run("convert --manifest list.txt --shard " + std::to_string(k) +
                       "/2 -o shard.jsonl --quiet");
    CHECK(run.status == 0);
    seen += Sandbox::slurp(box.path("shard.jsonl"));
  }
  for (int i = 1; i <= 5; ++i) {
    // Each document's head names its file once: "source":{"file":"in/f1.csv","format":...
    auto name = "\"source\":{\"file\":\"in/f" + std::to_string(i) + ".csv\",\"format\"";
    auto first = seen.find(name);
    CHECK(first != std::string::npos);
    CHECK(seen.find(name, first + 1) == std::string::npos);
  }
  CHECK(box.run("convert in -o x.json --shard 3/2").status == 2);
  CHECK(box.run("convert in -o x.json --shard 0/2").status == 2);
}

TEST_CASE("cli: with --timeout each file runs in a child; a file past the limit fails alone") {
  Sandbox box;
  fs::create_directories(box.path("batch"));
  fs::copy_file(kSample, box.path("batch/a.csv"));
  fs::copy_file(kSample, box.path("batch/b.csv"));
  auto ok = box.run("convert batch -o out.json --timeout 60 --quiet");
  CHECK(ok.status == 0);
  auto direct = box.run("convert batch -o direct.json --quiet");
  CHECK(direct.status == 0);
  // The child's documents come back whole: the same JSON as converting in-process.
  CHECK(Sandbox::slurp(box.path("out.json")) == Sandbox::slurp(box.path("direct.json")));

  // No conversion finishes in a microsecond: every file gives up, one line each.
  auto slow = box.run("convert batch -o slow.json --timeout 0.000001");
  CHECK(slow.status == 1);
  CHECK(slow.err.find("trackport: batch/a.csv: gave up after 1e-06 s (--timeout)") !=
        std::string::npos);
  CHECK(slow.err.find("trackport: batch/b.csv: gave up") != std::string::npos);
  CHECK(box.run("convert batch -o x.json --timeout soon").status == 2);
}

TEST_CASE("cli: a database accumulates imports; the same file replaces itself, never duplicates") {
  Sandbox box;
  box.write("q1/a.csv", "Action,Status\nMend roads,Green\nFill potholes,Red\n");
  box.write("q1/b.csv", "Action,Status\nPlant trees,Amber\n");
  CHECK(box.run("convert q1 -o tracker.sqlite --quiet").status == 0);
  CHECK(box.run("convert q1 -o tracker.sqlite --quiet").status == 0);  // again: replaced
  auto documents = trackport::read_documents(box.path("tracker.sqlite"));
  REQUIRE(documents.size() == 2);
  CHECK(documents[0].items.size() + documents[1].items.size() == 3);

  auto unchanged = box.run("convert q1 -o tracker.sqlite --skip-unchanged");
  CHECK(unchanged.status == 0);
  CHECK(unchanged.err.find("all 2 input(s) unchanged") != std::string::npos);

  box.write("q1/b.csv", "Action,Status\nPlant trees,Green\nOpen a library,Amber\n");
  auto changed = box.run("convert q1 -o tracker.sqlite --skip-unchanged");
  CHECK(changed.status == 0);
  CHECK(changed.err.find("converted 1 of 2 file(s): 2 items") != std::string::npos);
  CHECK(changed.err.find("1 unchanged skipped") != std::string::npos);
  documents = trackport::read_documents(box.path("tracker.sqlite"));
  CHECK(documents.size() == 3);  // b.csv's new version is a new document (a new sha256)

  CHECK(box.run("convert q1 -o out.json --skip-unchanged").status == 2);
  box.write("not-a-db.sqlite", "hello");
  auto refused = box.run("convert q1 -o not-a-db.sqlite");
  CHECK(refused.status == 1);
  CHECK(Sandbox::slurp(box.path("not-a-db.sqlite")) == "hello");
}

TEST_CASE("cli: the output is the same whatever --jobs is") {
  Sandbox box;
  const fs::path root(TRACKPORT_SOURCE_DIR);
  fs::create_directories(box.path("mixed"));
  for (const char* file :
       {"samples/sheffield-tracker-extract.csv", "samples/leeds-cypp-action-tables.tsv",
        "tests/fixtures/docx/lo_spans.docx", "tests/fixtures/html/structure.html",
        "tests/fixtures/xlsx/features.xlsx", "tests/fixtures/pdf/ruled.pdf"}) {
    fs::copy_file(root / file, box.path("mixed") / fs::path(file).filename());
  }
  for (const char* format : {"json", "csv"}) {
    INFO(format);
    CHECK(box.run(std::string("convert mixed -o one.") + format + " --jobs 1 --quiet").status == 0);
    CHECK(box.run(std::string("convert mixed -o two.") + format + " --jobs 2 --quiet").status == 0);
    CHECK(Sandbox::slurp(box.path(std::string("one.") + format)) ==
          Sandbox::slurp(box.path(std::string("two.") + format)));
  }
}

TEST_CASE("cli: --table chooses the items, indicators or risks table of a CSV output") {
  using namespace std::chrono_literals;
  Sandbox box;
  trackport::Document document;
  document.source = {"plans/staffs.xlsx", "xlsx", "abc"};
  trackport::Item item;
  item.id = "1";
  item.text = "Reduce re-offending";
  document.items = {item};
  trackport::Indicator indicator;
  indicator.code = "NI 45";
  indicator.title = "Young offenders";
  indicator.baseline = "70%";
  indicator.targets = {{"2010/11", "75%"}, {"2011/12", "80%"}};
  indicator.breakdown = {{"Cannock", "68%", {{"2011/12", "72%"}}}};
  indicator.source.file = "plans/staffs.xlsx";
  indicator.source.sheet = "Indicators";
  indicator.source.cells = "A2:F4";
  document.indicators = {indicator};
  trackport::Risk risk;
  risk.ref = "R1";
  risk.description = "Funding cut";
  risk.impact = "4";
  risk.likelihood = "3";
  risk.due = trackport::Due{"Mar-14", 2014y / 3 / 1, 2014y / 3 / 31};
  risk.source.file = "plans/staffs.xlsx";
  risk.source.sheet = "Risks";
  risk.source.cells = "A2:H2";
  document.risks = {risk};
  // The standard workbook as the input: it holds indicators and risks, and gives them back.
  trackport::exporter_named("xlsx")->write_file({document}, box.path("standard.xlsx"));

  auto indicators = box.run("convert standard.xlsx -o indicators.csv --table indicators --quiet");
  CHECK(indicators.status == 0);
  CHECK(indicators.err.empty());
  CHECK(
      Sandbox::slurp(box.path("indicators.csv")) ==
      "\xEF\xBB\xBFSource,Code,Title,Area,Baseline,Targets,Location\r\n"
      "plans/staffs.xlsx,NI 45,Young offenders,,70%,"
      R"("[{""period"":""2010/11"",""value"":""75%""},{""period"":""2011/12"",""value"":""80%""}]",)"
      "plans/staffs.xlsx!Indicators!A2:F4\r\n"
      "plans/staffs.xlsx,NI 45,Young offenders,Cannock,68%,"
      R"("[{""period"":""2011/12"",""value"":""72%""}]",)"
      "plans/staffs.xlsx!Indicators!A2:F4\r\n");

  auto risks = box.run("convert standard.xlsx -o - --format csv --table risks --quiet");
  CHECK(risks.status == 0);
  CHECK(risks.out ==
        "\xEF\xBB\xBFSource,Ref,Description,Impact,Likelihood,Score,Mitigation,Owner,Due,"
        "Due start,Due end,Location\r\n"
        "plans/staffs.xlsx,R1,Funding cut,4,3,,,,Mar-14,2014-03-01,2014-03-31,"
        "plans/staffs.xlsx!Risks!A2:H2\r\n");

  // Items stay the default, and can be named.
  CHECK(box.run("convert standard.xlsx -o items.csv --quiet").status == 0);
  CHECK(box.run("convert standard.xlsx -o named.csv --table items --quiet").status == 0);
  CHECK(Sandbox::slurp(box.path("items.csv")) == Sandbox::slurp(box.path("named.csv")));
  CHECK(Sandbox::slurp(box.path("items.csv")).find("Reduce re-offending") != std::string::npos);

  auto unknown = box.run("convert standard.xlsx -o out.csv --table targets");
  CHECK(unknown.status == 2);
  CHECK(unknown.err == "trackport: unknown --table 'targets' (use items, indicators or risks)\n");
  CHECK_FALSE(fs::exists(box.path("out.csv")));
  auto help = box.run("convert --help");
  CHECK(help.out.find("--table NAME") != std::string::npos);
}

TEST_CASE("cli: bad files among good ones: the good converted, each bad one listed once") {
  Sandbox box;
  const fs::path root(TRACKPORT_SOURCE_DIR);
  fs::create_directories(box.path("returns"));
  fs::copy_file(root / "samples/sheffield-tracker-styled.xlsx", box.path("returns/good.xlsx"));
  fs::copy_file(root / "samples/sheffield-tracker-word.docx", box.path("returns/good.docx"));
  fs::copy_file(root / "tests/fixtures/pdf/image_only.pdf", box.path("returns/scanned.pdf"));
  fs::copy_file(root / "tests/fixtures/docx/encrypted.docx", box.path("returns/locked.docx"));
  auto xlsx = Sandbox::slurp(root / "samples/sheffield-tracker-styled.xlsx");
  box.write("returns/corrupt.xlsx", xlsx.substr(0, xlsx.size() / 2));
  box.write("returns/empty.csv", "");

  auto run = box.run("convert returns -o out.xlsx");
  CHECK(run.status == 1);
  for (const char* bad : {"corrupt.xlsx", "empty.csv", "locked.docx", "scanned.pdf"}) {
    INFO(bad);
    auto line = std::string("trackport: returns/") + bad + ": ";
    auto at = run.err.find(line);
    CHECK(at != std::string::npos);
    CHECK(run.err.find(line, at + 1) == std::string::npos);  // once
  }
  CHECK(run.err.find("converted 2 of 6 file(s): 24 items") != std::string::npos);

  // The workbook lists the failures too: a Sources row each and an input-failed warning.
  auto documents = trackport::convert_to_documents(box.path("out.xlsx"), {});
  REQUIRE(documents.size() == 6);
  std::size_t failures = 0;
  for (const auto& document : documents) {
    if (!document.warnings.empty() && document.warnings[0].code == "input-failed") {
      ++failures;
      CHECK(document.items.empty());
    }
  }
  CHECK(failures == 4);
}

TEST_CASE("cli: a mistyped command, option or format gets a suggestion; --format must agree") {
  Sandbox box;
  auto command = box.run("convrt x.csv -o out.json");
  CHECK(command.status == 2);
  CHECK(command.err == "trackport: unknown command 'convrt' (did you mean 'convert'?)\n");
  auto option = box.run("convert x.csv -o out.json --jbos 2");
  CHECK(option.status == 2);
  CHECK(option.err == "trackport: unknown option --jbos (did you mean --jobs?)\n");
  auto far = box.run("convert x.csv -o out.json --frobnicate");
  CHECK(far.err == "trackport: unknown option --frobnicate\n");  // nothing close: no guess
  auto format = box.run("convert x.csv -o - --format jsn");
  CHECK(format.err == "trackport: unknown --format 'jsn' (did you mean 'json'?)\n");
  auto contradiction = box.run("convert '" + kSample + "' -o out.json --format csv");
  CHECK(contradiction.status == 2);
  CHECK(contradiction.err.find("--format csv contradicts the output's name out.json") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(box.path("out.json")));
  // A name no format claims takes --format.
  CHECK(box.run("convert '" + kSample + "' -o out.txt --format csv --quiet").status == 0);
  CHECK(Sandbox::slurp(box.path("out.txt")).starts_with("\xEF\xBB\xBFSource,Id,"));
}

TEST_CASE("cli: --list-formats names what trackport reads and writes") {
  Sandbox box;
  auto run = box.run("--list-formats");
  CHECK(run.status == 0);
  for (const char* format : {"xlsx", "xls ", "ods", "docx", "html", "pdf", "csv tsv"}) {
    INFO(format);
    CHECK(run.out.find(std::string("  ") + format) != std::string::npos);
  }
  for (const char* output : {"-o FILE .xlsx", "-o FILE .json, or -o - --format json",
                             "-o FILE .jsonl", "-o FILE .sqlite"}) {
    INFO(output);
    CHECK(run.out.find(output) != std::string::npos);
  }
}

TEST_CASE("cli: --password or TRACKPORT_PDF_PASSWORD opens an encrypted PDF") {
  Sandbox box;
  fs::copy_file(fs::path(TRACKPORT_TEST_DIR) / "fixtures/pdf/encrypted_user.pdf",
                box.path("locked.pdf"));
  auto refused = box.run("tables locked.pdf -o out.json");
  CHECK(refused.status == 1);
  CHECK(refused.err == "trackport: locked.pdf: encrypted PDF: a password is needed to open it\n");
  auto wrong = box.run("convert locked.pdf -o out.json --password nope");
  CHECK(wrong.status == 1);
  CHECK(wrong.err.find("trackport: locked.pdf: encrypted PDF: the password given does not open "
                       "it") != std::string::npos);
  CHECK_FALSE(fs::exists(box.path("out.json")));
  auto tables = box.run("tables locked.pdf -o out.json --password secret-user");
  CHECK(tables.status == 0);
  CHECK(Sandbox::slurp(box.path("out.json")).find("Review school transport eligibility") !=
        std::string::npos);
  auto convert =
      box.run("convert locked.pdf -o items.json --quiet", "TRACKPORT_PDF_PASSWORD=secret-user");
  CHECK(convert.status == 0);
  CHECK(Sandbox::slurp(box.path("items.json")).find("Review school transport eligibility") !=
        std::string::npos);
}
