// Output targets a user may give: symlinks, FIFOs, devices, folders; and what is left behind when
// a run is stopped or the disk is full.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

#include "exporters/sqlite/sqlite_reader.hpp"
#include "support/sandbox.hpp"

namespace fs = std::filesystem;
using trackport::testing::Sandbox;

namespace {

const std::string kSample =
    fs::path(TRACKPORT_SOURCE_DIR) / "samples" / "sheffield-tracker-extract.csv";
const std::string kSamples = fs::path(TRACKPORT_SOURCE_DIR) / "samples";

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool any_temporary(const Sandbox& box) {
  for (const auto& name : box.files()) {
    if (name.ends_with(".tmp") || name.ends_with(".new")) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("cli: a symlinked output is written through: the link stays, its file is replaced") {
  Sandbox box;
  box.write("real.json", "old");
  fs::create_symlink("real.json", box.path("link.json"));
  auto run = box.run("convert '" + kSample + "' -o link.json");
  CHECK(run.status == 0);
  CHECK(fs::is_symlink(box.path("link.json")));
  CHECK(slurp(box.path("real.json")).find("\"items\"") != std::string::npos);
  CHECK_FALSE(any_temporary(box));
}

TEST_CASE("cli: a FIFO or a device is written as a stream, never replaced") {
  Sandbox box;
  const auto fifo = box.path("pipe");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string read_back;
  std::thread reader([&] { read_back = slurp(fifo); });
  auto run = box.run("convert '" + kSample + "' -o pipe -f json");
  reader.join();
  CHECK(run.status == 0);
  CHECK(read_back.find("\"items\"") != std::string::npos);
  struct stat info {};
  REQUIRE(::stat(fifo.c_str(), &info) == 0);
  CHECK(S_ISFIFO(info.st_mode));
  // A workbook goes to a device whole; a database cannot.
  CHECK(box.run("convert '" + kSample + "' -o /dev/null -f xlsx").status == 0);
  auto database = box.run("convert '" + kSample + "' -o /dev/null -f sqlite");
  CHECK(database.status == 2);
  CHECK(database.err.find("cannot go to a FIFO or a device") != std::string::npos);
  CHECK(fs::is_character_file("/dev/null"));
}

TEST_CASE("cli: a folder as the output is refused, naming it") {
  Sandbox box;
  fs::create_directories(box.path("out.json"));
  auto run = box.run("convert '" + kSample + "' -o out.json");
  CHECK(run.status != 0);
  CHECK(run.err.find("out.json: it is a folder") != std::string::npos);
  CHECK(fs::is_directory(box.path("out.json")));
}

TEST_CASE("cli: without a loadable libpq, PostgreSQL is one line naming it; other outputs work") {
  Sandbox box;
  // libpq is loaded when a PostgreSQL database is first named: one that will not load (here a
  // broken file found first on the library path) must not stop the other outputs.
  box.write("lib/libpq.so.5", "");
  const std::string broken_libpq = "LD_LIBRARY_PATH='" + box.path("lib").string() + "'";
  auto postgres =
      box.run("convert '" + kSample + "' -o 'postgresql://localhost:1/plans'", broken_libpq);
  CHECK(postgres.status == 1);
  CHECK(postgres.err.find("cannot load libpq.so.5 (Debian package libpq5)") != std::string::npos);
  CHECK(std::count(postgres.err.begin(), postgres.err.end(), '\n') == 1);
  auto diff =
      box.run("diff 'postgresql://localhost:1/a' 'postgresql://localhost:1/b'", broken_libpq);
  CHECK(diff.status == 1);
  CHECK(diff.err.find("cannot load libpq.so.5") != std::string::npos);
  CHECK(box.run("convert '" + kSample + "' -o out.json", broken_libpq).status == 0);
  CHECK(fs::exists(box.path("out.json")));
}

TEST_CASE("cli: SIGTERM mid-write leaves no temporary file; a SIGKILL's is swept next run") {
  Sandbox box;
  // A batch big enough to be stopped while it works: the samples, forty times over.
  std::string inputs;
  for (int i = 0; i < 40; ++i) inputs += " '" + kSamples + "'";
  const std::string command = "cd '" + box.path("").string() + "' && exec '" + TRACKPORT_BINARY +
                              "' convert" + inputs + " -o out.xlsx --quiet 2>/dev/null";
  for (int signal : {SIGTERM, SIGINT}) {
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // Stopped while the workbook is being written: once its temporary file is there.
    bool writing = false;
    for (int i = 0; i < 20000 && !writing; ++i) {
      writing = any_temporary(box);
      if (!writing) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    CHECK(writing);
    ::kill(child, signal);
    int status = 0;
    ::waitpid(child, &status, 0);
    INFO("signal " << signal);
    CHECK_FALSE(any_temporary(box));
    CHECK_FALSE(fs::exists(box.path("out.xlsx")));
  }
  // What a SIGKILL leaves (a temporary of a process that is gone) is removed by the next run.
  pid_t gone = ::fork();
  if (gone == 0) ::_exit(0);
  ::waitpid(gone, nullptr, 0);
  box.write(".out.xlsx." + std::to_string(gone) + ".12345.tmp", "half a workbook");
  box.write(".other.xlsx." + std::to_string(gone) + ".12345.tmp", "not ours to sweep");
  CHECK(box.run("convert '" + kSample + "' -o out.xlsx").status == 0);
  CHECK_FALSE(fs::exists(box.path(".out.xlsx." + std::to_string(gone) + ".12345.tmp")));
  CHECK(fs::exists(box.path(".other.xlsx." + std::to_string(gone) + ".12345.tmp")));
}

TEST_CASE("cli: a full disk leaves no output, names the output, and keeps the old database") {
  Sandbox box;
  // RLIMIT_FSIZE stands in for a full disk: writes past 16 KB fail (SIGXFSZ ignored: EFBIG).
  const std::string limited = "ulimit -f 16; trap '' XFSZ; ";
  auto workbook = box.run_shell(limited, "convert '" + kSamples + "' -o out.xlsx");
  CHECK(workbook.status == 1);
  CHECK(workbook.err.find("out.xlsx") != std::string::npos);
  CHECK(workbook.err.find(".tmp") == std::string::npos);
  CHECK(workbook.err.find("[ERROR]") == std::string::npos);
  CHECK_FALSE(fs::exists(box.path("out.xlsx")));
  auto database = box.run_shell(limited, "convert '" + kSamples + "' -o out.sqlite");
  CHECK(database.status == 1);
  CHECK_FALSE(fs::exists(box.path("out.sqlite")));
  CHECK_FALSE(any_temporary(box));
  // An existing database keeps what it held: a document that cannot be stored is rolled back.
  REQUIRE(box.run("convert '" + kSample + "' -o kept.sqlite").status == 0);
  const auto before = trackport::read_documents(box.path("kept.sqlite"));
  REQUIRE(before.size() == 1);
  box.run_shell("ulimit -f " + std::to_string(fs::file_size(box.path("kept.sqlite")) / 512 + 2) +
                    "; trap '' XFSZ; ",
                "convert '" + kSamples + "' -o kept.sqlite");
  const auto after = trackport::read_documents(box.path("kept.sqlite"));
  CHECK(after.size() >= 1);
  CHECK(after.front().items.size() == before.front().items.size());
}

TEST_CASE("cli: a database fills as files finish: a killed batch keeps the documents before") {
  Sandbox box;
  std::string inputs;
  for (int i = 0; i < 30; ++i) inputs += " '" + kSamples + "'";
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const std::string command = "cd '" + box.path("").string() + "' && exec '" + TRACKPORT_BINARY +
                                "' convert" + inputs + " -o out.sqlite --quiet 2>/dev/null";
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Killed once the database holds a document, well before the batch's end (waiting for that,
  // not for a fixed time: a loaded machine or a sanitizer build can take seconds).
  auto holds_a_document = [&] {
    if (!fs::exists(box.path("out.sqlite"))) return false;
    try {
      return !trackport::read_documents(box.path("out.sqlite")).empty();
    } catch (const std::exception&) {
      return false;  // being written just then
    }
  };
  for (int i = 0; i < 1000 && !holds_a_document(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  REQUIRE(fs::exists(box.path("out.sqlite")));
  const auto stored = trackport::read_documents(box.path("out.sqlite"));
  CHECK_FALSE(stored.empty());
  for (const auto& document : stored) CHECK_FALSE(document.source.file.empty());
}

TEST_CASE("cli: a crash while one file converts is one line naming the file") {
  Sandbox box;
  std::string csv = "Ref,Action,Lead,Due,RAG,Progress\n";
  for (int i = 0; i < 300000; ++i) {
    csv +=
        std::to_string(i) + ",Do thing " + std::to_string(i) + ",Officer,31/03/2025,Green,Note\n";
  }
  box.write("big.csv", csv);
  const std::string command = "cd '" + box.path("").string() + "' && exec '" + TRACKPORT_BINARY +
                              "' convert big.csv -o out.xlsx 2>err.txt";
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // A crash stood in for by the signal a crash raises, while the file is being converted: once
  // its output's temporary file exists (a fixed delay was too short on a loaded machine).
  for (int i = 0; i < 3000 && !any_temporary(box); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(child, SIGSEGV);
  int status = 0;
  ::waitpid(child, &status, 0);
  CHECK(WIFSIGNALED(status));
  const std::string error = slurp(box.path("err.txt"));
  CHECK(error ==
        "trackport: big.csv: the conversion crashed (signal 11: segmentation fault); "
        "please report it with the file\n");
  CHECK_FALSE(any_temporary(box));
  CHECK_FALSE(fs::exists(box.path("out.xlsx")));
}

// A workbook of one sheet with a header and `rows` rows, made by Python's zipfile (a file
// converted while it is read: the only kind that reports items as it goes).
static void write_tracker_workbook(const Sandbox& box, const std::string& name, int rows) {
  box.write("make.py", R"(import sys, zipfile
rows = int(sys.argv[2])
def cell(ref, text): return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)
data = '<row r="1">' + cell('A1', 'Ref') + cell('B1', 'Action') + cell('C1', 'RAG') + '</row>'
for r in range(2, rows + 2):
    data += '<row r="%d">' % r + cell('A%d' % r, str(r - 1)) + \
            cell('B%d' % r, 'Support service %d' % r) + cell('C%d' % r, 'Green') + '</row>'
main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
pkg = 'http://schemas.openxmlformats.org/package/2006/relationships'
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
    z.writestr('_rels/.rels', '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % (pkg, rel))
    z.writestr('xl/workbook.xml', '<workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>' % (main, rel))
    z.writestr('xl/_rels/workbook.xml.rels', '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' % (pkg, rel))
    z.writestr('xl/worksheets/sheet1.xml', '<worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>' % (main, data))
)");
  const std::string command =
      "cd '" + box.path("").string() + "' && python3 make.py " + name + " " + std::to_string(rows);
  REQUIRE(std::system(command.c_str()) == 0);
}

TEST_CASE("cli: one big file shows its items on a terminal, and nothing when stderr is a file") {
  Sandbox box;
  write_tracker_workbook(box, "plan.xlsx", 3000);
  // script(1) runs the command on a pseudo-terminal and copies what it draws.
  const std::string command = "cd '" + box.path("").string() + "' && script -qfec \"'" +
                              TRACKPORT_BINARY + "' convert plan.xlsx -o out.xlsx\" /dev/null >'" +
                              box.path("screen").string() + "' 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  const std::string screen = slurp(box.path("screen"));
  INFO(screen);
  CHECK(screen.find("plan.xlsx: 1 items 0:00") != std::string::npos);
  CHECK(screen.find("plan.xlsx: 3,000 items") != std::string::npos);
  CHECK(screen.find(", writing the output") != std::string::npos);
  // The line is cleared before the closing line.
  CHECK(screen.find("\r\033[Kconverted 1 of 1 file(s): 3000 items") != std::string::npos);
  CHECK(fs::exists(box.path("out.xlsx")));

  auto quiet = box.run("convert plan.xlsx -o again.xlsx");
  CHECK(quiet.status == 0);
  CHECK(quiet.err.find(" items 0:") == std::string::npos);
  CHECK(quiet.err.find('\r') == std::string::npos);
}
