// trackport convert INPUT... -o OUTPUT
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "cli/args.hpp"
#include "cli/crash.hpp"
#include "cli/mapping_option.hpp"
#include "exporters/exporter.hpp"
#include "exporters/sqlite/sqlite_reader.hpp"
#include "importers/importer.hpp"
#include "io/input.hpp"
#include "pipeline/convert.hpp"
#include "pipeline/inputs.hpp"
#include "pipeline/streamed.hpp"

namespace trackport::cli {

namespace {

constexpr OptionSpec kOptions[] = {
    {"output", 'o', true},     {"mapping", 'm', true},    {"mappings", 0, true},
    {"organisation", 0, true}, {"period", 0, true},       {"format", 'f', true},
    {"jobs", 'j', true},       {"quiet", 'q', false},     {"verbose", 'v', false},
    {"summary", 's', false},   {"manifest", 0, true},     {"shard", 0, true},
    {"timeout", 0, true},      {"memory-limit", 0, true}, {"skip-unchanged", 0, false},
    {"table", 0, true},        {"in-process", 0, false},  {"help", 'h', false},
    {"table-memory", 0, true}, {"strict", 0, true},       {"from", 0, true},
};

// Each file of a batch runs in a process of its own with these limits unless told otherwise.
constexpr double kDefaultTimeoutSeconds = 120;
// The workers' resident memory together: with trackport's own process (the batch's documents,
// about 100 MB for 1,000 files) a whole batch stays under 1 GB, and one file may have it all.
constexpr std::size_t kDefaultMemoryLimitMb = 640;

constexpr const char* kHelp = R"(usage: trackport convert INPUT... -o OUTPUT [options]

Converts every INPUT (files, or folders walked recursively) into one OUTPUT whose format comes
from its extension: .xlsx (the standard workbook), .json, .jsonl, .csv (the Items table, or with
--table the Indicators or Risks table), .sqlite (a database that accumulates: each input replaces
its own earlier import, by sha256).
Use -o - with --format json|jsonl|csv to write to standard output. Documents come out sorted by
input path (arguments in order, each folder sorted), whatever --jobs is.

A trackport.yaml in a folder names the organisation and mapping for the files under it:
  organisation: Sheffield City Council
  mapping: sheffield-child-poverty        (a built-in name, or a file beside the yaml)
  period: Quarter two 2024/25
--organisation and --mapping on the command line win over it.

options:
  -o, --output PATH        where to write (written to a temporary file, then renamed)
  -m, --mapping NAME|FILE  this mapping's rules first, for every table (the dictionary and the
                           columns' content still place what it does not name)
      --mappings DIR       a folder of your own mappings, tried on every table before the
                           built-in ones (also TRACKPORT_MAPPINGS and ~/.config/trackport/mappings)
      --organisation NAME  the council or partnership the inputs come from
      --period LABEL       the reporting period of the inputs ("Quarter two 2024/25"), over the
                           one a document names (title rows, the update column's header)
  -f, --format NAME        output format when it cannot come from the extension
      --from FORMAT        read every input as FORMAT (xlsx, xls, ods, docx, html, pdf, csv,
                           tsv) whatever its content or name looks like; an INPUT of - is
                           standard input (told apart by content unless --from says)
      --table NAME         the table a .csv output holds: items (the default, one row per item),
                           indicators (one row per indicator and per area of its breakdown, one
                           column per target period) or risks (one row per risk)
  -j, --jobs N             convert N files at once (default: all cores, at most one for each
                           160 MB of --memory-limit)
      --manifest FILE      also convert the paths listed in FILE, one a line ('#' comments)
      --shard K/N          convert only the K-th of N equal shares of the inputs (1 <= K <= N),
                           so a batch can be split over machines by any scheduler
      --timeout SECONDS    give up on a file after SECONDS (default 120; 0: never)
      --memory-limit MB    the resident memory the conversions may take together (default
                           640; 0: no limit); past it the biggest is stopped and its file
                           converted again on its own; a file past it on its own is named
      --table-memory MB    the most memory one file's tables may take, counted as they are
                           built (default 256), so spans that multiply a small file fail fast
      --in-process         convert every file in this process, not each in a process of its own
                           (faster by a little; a crash then stops the whole run, and no limits)
      --skip-unchanged     with a .sqlite output: skip inputs whose sha256 it already holds
  -q, --quiet              print nothing but errors
  -v, --verbose            print one line per file
  -s, --summary            print a table of items and RAG counts per file (to stderr with -o -)
      --strict CODES       fail (exit 1) when a warning of one of CODES (comma-separated, or
                           "all") is given, e.g. --strict header-not-found,table-not-mapped,
                           input-skipped (docs/WARNINGS.md lists the codes); the output is still
                           written
  -h, --help               this help

Every file a folder holds is converted or named as skipped (a format trackport does not read, an
Office lock file, this run's output, a workbook trackport wrote, a file listed twice) on stderr
and in the output's Sources and Warnings (code input-skipped).

Exit status: 0 all converted, 1 some input failed or a --strict warning was given (the others
are still written), 2 usage error.
)";

std::vector<std::string_view> exporter_names() {
  std::vector<std::string_view> names;
  for (const auto& exporter : exporters()) names.push_back(exporter->name());
  return names;
}

const Exporter& choose_exporter(const Args& args, const std::string& output) {
  if (args.has("format")) {
    const std::string format = args.value("format");
    const auto* exporter = exporter_named(format);
    if (!exporter)
      throw UsageError("unknown --format '" + format + "'" +
                       did_you_mean(format, exporter_names(), "'", "'"));
    // -o plan.json --format csv would write CSV under a name every tool reads as JSON.
    const auto* by_name = output == "-" ? nullptr : exporter_for(output);
    if (by_name && by_name != exporter)
      throw UsageError("--format " + format + " contradicts the output's name " + output + " (a ." +
                       std::string(by_name->extensions().front()) + " file)");
    return *exporter;
  }
  if (output == "-") return *exporter_named("json");
  const auto* exporter = exporter_for(output);
  if (!exporter) {
    throw UsageError("cannot tell the output format of '" + output +
                     "' (use .xlsx, .json, .jsonl, .csv or .sqlite, or --format)");
  }
  return *exporter;
}

// --table NAME: the format writing that one table of the model (a CSV file holds one).
std::unique_ptr<Exporter> exporter_for_table(const Exporter& exporter, const std::string& table) {
  const auto tables = exporter.tables();
  if (tables.empty()) {
    throw UsageError("--table is for a .csv output; the " + std::string(exporter.name()) +
                     " format writes every table");
  }
  auto chosen = exporter.for_table(table);
  if (!chosen) {
    std::string names;
    for (std::size_t i = 0; i < tables.size(); ++i) {
      if (i > 0) names += i + 1 == tables.size() ? " or " : ", ";
      names += tables[i];
    }
    throw UsageError("unknown --table '" + table + "' (use " + names + ")");
  }
  return chosen;
}

// "[ 12/400]  3% 0:04 2.9 files/s  council-a/q2.xlsx" on one terminal line, redrawn per file.
class ProgressLine {
 public:
  explicit ProgressLine(std::size_t total) : total_(total), start_(Clock::now()) {}

  void file_done(const std::filesystem::path& path) {
    ++done_;
    current_ = path.string();
  }

  void draw() const {
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    const auto seconds = static_cast<long>(elapsed);
    const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0.0;
    // The time left at the rate so far (shown once a file is done, so the rate means something).
    char left[32] = "";
    if (done_ > 0 && rate > 0 && done_ < total_) {
      const auto remaining = static_cast<long>(static_cast<double>(total_ - done_) / rate);
      std::snprintf(left, sizeof left, ", %ld:%02ld left", remaining / 60, remaining % 60);
    }
    char head[128];
    std::snprintf(head, sizeof head, "[%zu/%zu] %3zu%% %ld:%02ld%s %.1f files/s  ", done_, total_,
                  total_ ? done_ * 100 / total_ : 100, seconds / 60, seconds % 60, left, rate);
    std::string name = current_;
    if (name.size() > 40) name = "…" + name.substr(name.size() - 39);
    std::cerr << "\r\033[K" << head << name << std::flush;
  }

  void clear() const { std::cerr << "\r\033[K" << std::flush; }

 private:
  using Clock = std::chrono::steady_clock;
  std::size_t total_;
  std::size_t done_ = 0;
  std::string current_;
  Clock::time_point start_;
};

// A document that only says what became of an input (listed in Sources and Warnings).
Document input_document(const std::filesystem::path& path, std::string code, std::string message) {
  Document document;
  document.source.file = path.string();
  document.source.format = extension_of(path);
  Location location;
  location.file = document.source.file;
  document.warnings.push_back({std::move(code), std::move(message), location});
  return document;
}

Document failed_document(const FileOutcome& outcome) {
  return input_document(outcome.path, "input-failed", "could not be converted: " + outcome.error);
}

// "-", a FIFO or a device: written straight as a stream (nothing can be renamed over them).
bool is_stream_output(const std::string& output) {
  return output == "-" || output_kind(output) == OutputKind::stream;
}

// A workbook goes to a FIFO or a device whole (built in a temporary file first), but not to
// stdout, which is usually a terminal; a database is a file sqlite must be able to seek in.
void check_streamable(const Exporter& exporter, const std::string& output) {
  if (output == "-" ? !exporter.can_stream() : exporter.writes_in_place()) {
    throw UsageError("the " + std::string(exporter.name()) + " format cannot go to " +
                     (output == "-" ? "stdout" : "a FIFO or a device: give a file name"));
  }
}

void write_stream(const Exporter& exporter, const std::vector<Document>& documents,
                  const std::string& output) {
  check_streamable(exporter, output);
  if (output == "-") {
    exporter.write(documents, std::cout);
    std::cout.flush();
    if (!std::cout) throw std::runtime_error("cannot write to stdout");
    return;
  }
  std::ofstream out(output, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + output + ": " + std::strerror(errno));
  exporter.write(documents, out);
  out.flush();
  if (!out) throw std::runtime_error("cannot write " + output + ": " + std::strerror(errno));
}

void write_output(const Exporter& exporter, const std::vector<Document>& documents,
                  const std::string& output) {
  if (is_stream_output(output)) {
    write_stream(exporter, documents, output);
    return;
  }
  if (exporter.writes_in_place()) {
    // A database accumulates quarter after quarter: each document goes in in one transaction.
    exporter.write_file(documents, output);
    return;
  }
  AtomicOutput file{std::filesystem::path(output)};
  try {
    exporter.write_file(documents, file.temp_path());
  } catch (const std::exception& e) {
    throw std::runtime_error(file.in_terms_of_target(e.what()));
  }
  file.commit();
}

// A single file into a format that takes items one at a time: converted while it is read (see
// pipeline/streamed.hpp). nullopt, with nothing written, when it cannot go that way.
std::optional<StreamedDocument> write_streamed(const Exporter& exporter, const InputJob& input,
                                               const ConvertOptions& options,
                                               const std::string& output) {
  if (exporter.writes_in_place()) return std::nullopt;
  const ConvertOptions effective = options_for(input, options);
  if (output != "-" && is_stream_output(output)) return std::nullopt;  // the whole-file path
  if (output == "-") {
    auto stream = exporter.stream_document(std::cout, std::filesystem::temp_directory_path());
    if (!stream) return std::nullopt;
    auto streamed = convert_streamed(input.path, effective, *stream);
    std::cout.flush();
    return streamed;
  }
  AtomicOutput file{std::filesystem::path(output)};
  std::unique_ptr<DocumentStream> stream;
  try {
    stream = exporter.stream_document_to_file(file.temp_path());
  } catch (const std::exception&) {
    return std::nullopt;  // the whole-file path reports why the output cannot be written
  }
  if (!stream) return std::nullopt;
  std::optional<StreamedDocument> streamed;
  try {
    streamed = convert_streamed(input.path, effective, *stream);
  } catch (const std::exception& e) {
    // Named by the output the user gave, not the temporary file being written.
    throw std::runtime_error("writing " + output + ": " + e.what());
  }
  if (!streamed) return std::nullopt;
  stream.reset();
  file.commit();
  return streamed;
}

// `unchanged`: inputs a database already holds; `passed_over`: files found and not converted.
void print_converted(std::size_t converted, std::size_t inputs, std::size_t items,
                     std::size_t warnings, std::size_t unchanged, std::size_t passed_over,
                     const std::string& output) {
  std::cerr << "converted " << converted << " of " << inputs << " file(s): " << items << " items, "
            << warnings << " warnings"
            << (unchanged ? ", " + std::to_string(unchanged) + " unchanged skipped" : std::string())
            << (passed_over ? ", " + std::to_string(passed_over) + " other file(s) skipped"
                            : std::string())
            << (output == "-" ? std::string() : " -> " + output) << '\n';
}

std::string fit(std::string text, std::size_t width) {
  if (text.size() > width) text = "…" + text.substr(text.size() - (width - 1));
  text.resize(std::max(text.size(), width), ' ');
  return text;
}

// --strict CODES: the warning codes that fail the run ("all": every one).
struct StrictCodes {
  bool all = false;
  std::set<std::string, std::less<>> codes;
  bool empty() const { return !all && codes.empty(); }
  bool covers(std::string_view code) const { return all || codes.contains(code); }
};

StrictCodes parse_strict(const std::string& text) {
  StrictCodes strict;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::string code = text.substr(start, comma - start);
    code.erase(0, code.find_first_not_of(' '));
    code.erase(code.find_last_not_of(' ') + 1);
    if (code == "all") {
      strict.all = true;
    } else if (!code.empty()) {
      strict.codes.insert(std::move(code));
    }
    start = comma + 1;
  }
  if (strict.empty()) throw UsageError("--strict takes warning codes, e.g. --strict all");
  return strict;
}

// One line per warning --strict turns into a failure; how many there were.
std::size_t report_strict(const std::vector<Document>& documents, const StrictCodes& strict) {
  std::size_t failures = 0;
  for (const auto& document : documents) {
    for (const auto& warning : document.warnings) {
      if (!strict.covers(warning.code)) continue;
      ++failures;
      std::cerr << "trackport: " << document.source.file << ": " << warning.code
                << " (--strict): " << warning.message << '\n';
    }
  }
  return failures;
}

// A document made for an input that was skipped or failed (input_document), not converted.
bool only_says_what_became_of_it(const Document& document) {
  return document.items.empty() && document.warnings.size() == 1 &&
         (document.warnings.front().code == "input-skipped" ||
          document.warnings.front().code == "input-failed");
}

// One line per document: items and RAG counts, like a progress report's overview table.
void print_summary(const std::vector<Document>& documents, std::ostream& out) {
  out << fit("source", 44) << fit("mapping", 28)
      << "items   red   a/r amber   a/g green  blue  none  warnings\n";
  for (const auto& document : documents) {
    std::map<Rating, std::size_t> counts;
    for (const auto& item : document.items) ++counts[item.status];
    auto column = [](std::size_t n, int width) {
      auto text = std::to_string(n);
      return std::string(
                 static_cast<std::size_t>(std::max(0, width - static_cast<int>(text.size()))),
                 ' ') +
             text;
    };
    const std::string mapping = only_says_what_became_of_it(document)
                                    ? "(" + document.warnings.front().code + ")"
                                    : document.mapping.name;
    out << fit(document.source.file, 44) << fit(mapping, 28) << column(document.items.size(), 5);
    for (auto rating : {Rating::red, Rating::amber_red, Rating::amber, Rating::amber_green,
                        Rating::green, Rating::blue, Rating::none}) {
      out << column(counts[rating], 6);
    }
    out << column(document.warnings.size(), 10) << '\n';
  }
  std::vector<std::string> empty;
  for (const auto& document : documents) {
    if (document.items.empty() && !only_says_what_became_of_it(document))
      empty.push_back(document.source.file);
  }
  if (empty.empty()) return;
  out << empty.size() << " file(s) gave no items (see their warnings, or trackport inspect):";
  for (const auto& file : empty) out << ' ' << file;
  out << '\n';
}

}  // namespace

void print_formats(std::ostream& out) {
  out << "reads (told apart by content; the extension only where the content cannot say):\n"
         "  xlsx xlsm         Excel workbooks (Office Open XML)\n"
         "  xls               Excel 97-2003 workbooks\n"
         "  ods               OpenDocument spreadsheets\n"
         "  docx              Word documents\n"
         "  html htm          web pages, and Word's \"save as web page\"\n"
         "  pdf               PDF reports with text (not scans)\n"
         "  csv tsv tab txt   delimited text\n"
         "writes (-o by the extension, or --format NAME):\n";
  for (const auto& exporter : exporters()) {
    std::string extensions;
    for (const auto extension : exporter->extensions()) (extensions += " .") += extension;
    out << "  " << exporter->name()
        << std::string(18 - std::min<std::size_t>(16, exporter->name().size()), ' ') << "-o FILE"
        << extensions
        << (exporter->can_stream() ? ", or -o - --format " + std::string(exporter->name())
                                   : std::string())
        << '\n';
  }
}

int run_convert(std::span<const std::string> words) {
  Args args(words, kOptions);
  if (args.has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args.positional().empty() && !args.has("manifest")) {
    throw UsageError("convert needs at least one INPUT or a --manifest (see --help)");
  }
  if (!args.has("output")) throw UsageError("convert needs -o OUTPUT (see --help)");
  const std::string output = args.value("output");
  const Exporter* chosen = &choose_exporter(args, output);
  std::unique_ptr<Exporter> table_exporter;
  if (args.has("table")) {
    table_exporter = exporter_for_table(*chosen, args.value("table"));
    chosen = table_exporter.get();
  }
  const Exporter& exporter = *chosen;
  if (output == "-" && !exporter.can_stream()) {
    throw UsageError("the " + std::string(exporter.name()) + " format cannot go to stdout");
  }

  ConvertOptions options;
  std::optional<Mapping> mapping;
  apply_mapping_option(args, mapping, options);
  options.organisation = args.value("organisation");
  options.period = args.value("period");
  options.isolate = !args.has("in-process");
  options.timeout_seconds = !args.has("timeout")           ? kDefaultTimeoutSeconds
                            : args.value("timeout") == "0" ? 0
                                                           : args.seconds("timeout");
  options.memory_limit_bytes =
      (!args.has("memory-limit")           ? kDefaultMemoryLimitMb
       : args.value("memory-limit") == "0" ? 0
                                           : std::size_t{args.number("memory-limit", 0)})
      << 20;
  if (args.has("from")) {
    options.import.format = args.value("from");
    if (!importer_named(options.import.format)) {
      constexpr std::string_view kFormats[] = {"xlsx", "xls", "ods", "docx",
                                               "html", "pdf", "csv", "tsv"};
      throw UsageError("--from takes xlsx, xls, ods, docx, html, pdf, csv or tsv, not '" +
                       options.import.format + "'" +
                       did_you_mean(options.import.format, kFormats, "'", "'"));
    }
  }
  if (args.has("table-memory")) {
    options.import.max_table_bytes = std::size_t{args.number("table-memory", 1)} << 20;
  }
  if (!options.isolate && (args.has("timeout") || args.has("memory-limit")))
    throw UsageError(
        "--timeout and --memory-limit need each file in a process of its own: "
        "drop --in-process");
  std::set<std::string> known;
  if (args.has("skip-unchanged")) {
    if (!exporter.writes_in_place()) {
      throw UsageError("--skip-unchanged needs a database output (-o tracker.sqlite)");
    }
    known = known_sha256(output);
    options.skip_sha256 = &known;
  }
  // The workers share --memory-limit: by default no more of them than leave each about 160 MB,
  // or on a machine of many cores they would spend the budget on their own baseline.
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned jobs = args.number(
      "jobs",
      options.isolate && options.memory_limit_bytes > 0
          ? std::clamp(static_cast<unsigned>(options.memory_limit_bytes / (160 << 20)), 1u, cores)
          : cores);

  std::vector<std::string> arguments = args.positional();
  if (args.has("manifest")) {
    auto listed = read_manifest(args.value("manifest"));
    arguments.insert(arguments.end(), listed.begin(), listed.end());
  }
  ExpandedInputs expanded;
  try {
    expanded = expand_inputs(
        arguments, options.catalogue.get(),
        is_stream_output(output) ? std::filesystem::path() : std::filesystem::path(output));
  } catch (const MappingError& e) {
    throw UsageError(e.what());
  }
  if (args.has("shard")) {
    auto shard = parse_shard(args.value("shard"));
    if (!shard) throw UsageError("--shard takes K/N with 1 <= K <= N, e.g. --shard 2/8");
    expanded.jobs = select_shard(std::move(expanded.jobs), *shard);
  }
  const auto& missing = expanded.missing;
  for (const auto& path : missing)
    std::cerr << "trackport: " << path << ": no such file or folder\n";
  if (!args.has("quiet")) {
    for (const auto& skipped : expanded.skipped)
      std::cerr << "trackport: " << skipped.path.string() << ": skipped: " << skipped.reason
                << '\n';
  }
  if (expanded.jobs.empty()) {
    if (args.has("shard") && missing.empty()) {
      std::cerr << "trackport: shard " << args.value("shard")
                << " has no inputs; nothing written\n";
      return kExitOk;
    }
    std::cerr << "trackport: no input files to convert\n";
    return kExitFailed;
  }
  const auto& paths = expanded.jobs;

  const bool quiet = args.has("quiet");
  const bool verbose = args.has("verbose");
  const StrictCodes strict =
      args.has("strict") ? parse_strict(args.value("strict")) : StrictCodes{};
  // A crash while one file is converted names it (static: the handler may read it at exit).
  static std::string only_input;
  if (paths.size() == 1) {
    only_input = paths.front().path.string();
    set_crash_context(only_input.c_str());
  }
  // One file is converted here, streamed, unless limits were asked for.
  const bool settings_unreadable =
      paths.front().settings && !paths.front().settings->error.empty();  // its one line, below
  if (paths.size() == 1 && missing.empty() && expanded.skipped.empty() && strict.empty() &&
      !args.has("timeout") && !args.has("memory-limit") && !options.skip_sha256 &&
      !args.has("summary") && !settings_unreadable) {
    if (auto streamed = write_streamed(exporter, paths.front(), options, output)) {
      const Document& document = streamed->document;
      if (verbose) {
        std::cerr << paths.front().path.string() << ": " << streamed->items << " items, "
                  << document.warnings.size() << " warnings (mapping " << document.mapping.name
                  << ")\n";
      }
      if (!quiet) print_converted(1, 1, streamed->items, document.warnings.size(), 0, 0, output);
      return kExitOk;
    }
  }
  const bool progress = !quiet && !verbose && ::isatty(STDERR_FILENO) && paths.size() > 1;
  ProgressLine line(paths.size());
  // A database fills as files finish: a batch stopped at file 900 keeps the 899 before it.
  // One that exists is opened now (a file that is no trackport database is refused before any
  // work); a new one is made with the first document converted, so a run that converts nothing
  // leaves nothing.
  const bool to_database = exporter.writes_in_place();
  std::unique_ptr<DocumentAppender> database;
  if (to_database) {
    if (is_stream_output(output)) check_streamable(exporter, output);
    if (std::filesystem::exists(output)) database = exporter.open_appender(output);
  }
  std::size_t store_failures = 0;
  auto on_done = [&](const FileOutcome& outcome) {
    std::string error = outcome.error;
    if (error.empty() && to_database) {
      try {
        if (!database) database = exporter.open_appender(output);
        for (const auto& document : outcome.documents) database->append(document);
      } catch (const std::exception& e) {
        error = e.what();
        ++store_failures;
      }
    }
    if (!error.empty()) {
      if (progress) line.clear();
      std::cerr << "trackport: " << outcome.path.string() << ": " << error << '\n';
    } else if (verbose) {
      for (const auto& document : outcome.documents) {
        std::cerr << outcome.path.string() << ": " << document.items.size() << " items, "
                  << document.warnings.size() << " warnings (mapping " << document.mapping.name
                  << ")\n";
      }
    }
    line.file_done(outcome.path);
    if (progress) line.draw();
  };
  auto outcomes = convert_files(paths, options, jobs, on_done);
  if (progress) line.clear();

  std::vector<Document> documents;
  std::size_t failed = missing.size(), items = 0, warnings = 0, skipped = 0, converted = 0;
  for (auto& outcome : outcomes) {
    if (outcome.skipped) {
      ++skipped;
      continue;
    }
    if (!outcome.error.empty()) {
      ++failed;
      // Files list failures in their Sources and Warnings; a database keeps only real imports,
      // so a failed file is tried again next time.
      if (!exporter.writes_in_place()) documents.push_back(failed_document(outcome));
      continue;
    }
    for (auto& document : outcome.documents) {
      items += document.items.size();
      warnings += document.warnings.size();
      documents.push_back(std::move(document));
    }
    ++converted;
  }
  if (converted == 0 && skipped > 0 && failed == 0) {
    if (!quiet) std::cerr << "all " << skipped << " input(s) unchanged since their last import\n";
    return kExitOk;
  }
  failed += store_failures;
  converted -= std::min(converted, store_failures);
  if (converted == 0) {
    std::cerr << "trackport: nothing converted; " << output
              << (database ? " holds nothing new\n" : " was not written\n");
    return kExitFailed;
  }
  // Skipped files are listed in a file output (a database keeps only real imports).
  for (const auto& passed_over : expanded.skipped)
    documents.push_back(
        input_document(passed_over.path, "input-skipped", "not converted: " + passed_over.reason));
  if (!to_database) write_output(exporter, documents, output);
  if (args.has("summary")) {
    // With -o -, stdout is the data: everything else goes to stderr.
    std::ostream& out = output == "-" ? std::cerr : std::cout;
    print_summary(documents, out);
    out.flush();
  }
  if (!quiet) {
    print_converted(converted, paths.size() + missing.size(), items, warnings, skipped,
                    expanded.skipped.size(), output);
  }
  // A batch can hold millions of small strings; freeing them one by one only to exit costs
  // seconds. Keep them reachable (so leak checkers stay quiet) and let the process end.
  const std::size_t strict_failures = strict.empty() ? 0 : report_strict(documents, strict);
  static auto* kept = new std::vector<Document>();
  *kept = std::move(documents);
  return failed > 0 || strict_failures > 0 ? kExitFailed : kExitOk;
}

}  // namespace trackport::cli
