// trackport convert INPUT... -o OUTPUT
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "cli/args.hpp"
#include "cli/crash.hpp"
#include "cli/mapping_option.hpp"
#include "exporters/exporter.hpp"
#include "importers/importer.hpp"
#include "io/input.hpp"
#include "pipeline/batch.hpp"
#include "pipeline/convert.hpp"
#include "pipeline/inputs.hpp"
#include "pipeline/output.hpp"
#include "pipeline/progress.hpp"

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
    {"password", 0, true},     {"libreoffice", 0, true},
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
its own earlier import, by sha256), or postgresql://USER@HOST/DB (the same database on a
PostgreSQL server, which many processes can fill at once; the password from PGPASSWORD or
~/.pgpass; a key=value connection string with --format postgresql).
An INPUT may also be what trackport wrote, read back as stored (told apart by content): its
.json, a database (tracker.sqlite, tracker.sqlite:FILE or :SHA256, postgresql://HOST/DB, #FILE
for one document) or its standard workbook; in a folder, such files are skipped unless named.
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
      --password TEXT      opens encrypted PDFs with this password (also read from the
                           TRACKPORT_PDF_PASSWORD environment variable)
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
      --libreoffice PATH   the soffice that converts legacy inputs (.doc, .xlsb, .wk1, .sxc ...)
                           before they are read (default: soffice on PATH; without one, such
                           inputs fail, or are skipped in a folder, naming the package to install)
      --table-memory MB    the most memory one file's tables may take, counted as they are
                           built (default 256), so spans that multiply a small file fail fast
      --in-process         convert every file in this process, not each in a process of its own
                           (faster by a little; a crash then stops the whole run, and no limits)
      --skip-unchanged     with a database output: skip inputs whose sha256 it already holds
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

// --libreoffice PATH, and LibreOffice's time limit within the file's own (--timeout): a
// conversion past it is LibreOffice's one-line error, not the worker's.
void apply_libreoffice_option(const Args& args, ConvertOptions& options) {
  if (args.has("libreoffice")) {
    options.libreoffice.soffice = args.value("libreoffice");
    if (!find_libreoffice(options.libreoffice)) {
      throw UsageError("--libreoffice " + args.value("libreoffice") +
                       ": not an executable file (give the path of soffice)");
    }
  }
  if (options.isolate && options.timeout_seconds > 0) {
    auto within = static_cast<long long>(options.timeout_seconds * 0.8);
    options.libreoffice.time_limit =
        std::min(options.libreoffice.time_limit, std::chrono::seconds(std::max(within, 1LL)));
  }
}

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
    const auto* by_name =
        output == "-" || exporter->output_is_connection() ? nullptr : exporter_for(output);
    if (by_name && by_name != exporter)
      throw UsageError("--format " + format + " contradicts the output's name " + output + " (a ." +
                       std::string(by_name->extensions().front()) + " file)");
    return *exporter;
  }
  if (output == "-") return *exporter_named("json");
  const auto* exporter = exporter_for(output);
  if (!exporter) {
    throw UsageError(
        "cannot tell the output format of '" + output +
        "' (use .xlsx, .json, .jsonl, .csv, .sqlite or postgresql://..., or --format)");
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

// The batch's progress (pipeline/progress.hpp) on one terminal line, redrawn per file.
class ProgressLine {
 public:
  explicit ProgressLine(std::size_t total) : total_(total), start_(Clock::now()) {}

  void file_done(const std::filesystem::path& path) {
    ++done_;
    current_ = path.string();
  }

  void draw() const { draw_text(batch_progress_text(done_, total_, elapsed(), current_)); }

  // One file's items so far, while it converts.
  void draw_items(const std::string& file, std::size_t items, bool finishing) const {
    draw_text(item_progress_text(file, items, elapsed(), finishing));
  }

  void clear() const { std::cerr << "\r\033[K" << std::flush; }

 private:
  using Clock = std::chrono::steady_clock;
  double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }
  static void draw_text(const std::string& text) { std::cerr << "\r\033[K" << text << std::flush; }

  std::size_t total_;
  std::size_t done_ = 0;
  std::string current_;
  Clock::time_point start_;
};

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

// One line per warning of `document` that --strict turns into a failure.
std::vector<std::string> strict_lines(const Document& document, const StrictCodes& strict) {
  std::vector<std::string> lines;
  if (strict.empty()) return lines;
  for (const auto& warning : document.warnings) {
    if (!strict.covers(warning.code)) continue;
    lines.push_back("trackport: " + document.source.file + ": " + warning.code +
                    " (--strict): " + warning.message);
  }
  return lines;
}

// What --summary prints of a document: kept for each one written, when the document itself is not.
struct DocumentDigest {
  std::string source;
  std::string mapping;  // the mapping's name, or (input-skipped) / (input-failed)
  std::size_t items = 0;
  std::size_t warnings = 0;
  std::map<Rating, std::size_t> counts;  // items by status
  bool gave_no_items = false;            // converted, yet no items (not a skipped or failed file)
};

DocumentDigest digest_of(const Document& document) {
  DocumentDigest digest;
  digest.source = document.source.file;
  const bool placeholder = only_says_what_became_of_it(document);
  digest.mapping = placeholder ? "(" + document.warnings.front().code + ")" : document.mapping.name;
  digest.items = document.items.size();
  digest.warnings = document.warnings.size();
  for (const auto& item : document.items) ++digest.counts[item.status];
  digest.gave_no_items = document.items.empty() && !placeholder;
  return digest;
}

// One line per document: items and RAG counts, like a progress report's overview table.
void print_summary(const std::vector<DocumentDigest>& documents, std::ostream& out) {
  out << fit("source", 44) << fit("mapping", 28)
      << "items   red   a/r amber   a/g green  blue  none  warnings\n";
  auto column = [](std::size_t n, int width) {
    auto text = std::to_string(n);
    return std::string(static_cast<std::size_t>(std::max(0, width - static_cast<int>(text.size()))),
                       ' ') +
           text;
  };
  for (const auto& document : documents) {
    out << fit(document.source, 44) << fit(document.mapping, 28) << column(document.items, 5);
    for (auto rating : {Rating::red, Rating::amber_red, Rating::amber, Rating::amber_green,
                        Rating::green, Rating::blue, Rating::none}) {
      const auto found = document.counts.find(rating);
      out << column(found == document.counts.end() ? 0 : found->second, 6);
    }
    out << column(document.warnings, 10) << '\n';
  }
  std::vector<std::string> empty;
  for (const auto& document : documents) {
    if (document.gave_no_items) empty.push_back(document.source);
  }
  if (empty.empty()) return;
  out << empty.size() << " file(s) gave no items (see their warnings, or trackport inspect):";
  for (const auto& file : empty) out << ' ' << file;
  out << '\n';
}

}  // namespace

void print_formats(std::ostream& out) {
  // One column for the extensions and the format names, as wide as the longest list needs.
  std::vector<std::string> read_extensions;
  std::size_t width = 18;
  for (const auto& format : input_format_table()) {
    std::string extensions;
    for (const auto extension : format.extensions)
      (extensions += extensions.empty() ? "" : " ") += extension;
    width = std::max(width, extensions.size() + 2);
    read_extensions.push_back(std::move(extensions));
  }
  out << "reads (told apart by content; the extension only where the content cannot say):\n";
  for (std::size_t i = 0; i < read_extensions.size(); ++i)
    out << "  " << fit(read_extensions[i], width) << input_format_table()[i].description << '\n';
  out << "writes (-o by the extension, or --format NAME):\n";
  for (const auto& exporter : exporters()) {
    std::string extensions;
    for (const auto extension : exporter->extensions()) (extensions += " .") += extension;
    out << "  " << fit(std::string(exporter->name()), width)
        << (exporter->output_is_connection() ? "-o postgresql://USER@HOST/DB" : "-o FILE")
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
  options.import.pdf_password = pdf_password(args);
  apply_libreoffice_option(args, options);
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
      throw UsageError(
          "--skip-unchanged needs a database output (-o tracker.sqlite or -o postgresql://...)");
    }
    known = exporter.stored_sha256(output);
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
    expanded = expand_inputs(arguments, options.catalogue.get(),
                             is_stream_output(output) || exporter.output_is_connection()
                                 ? std::filesystem::path()
                                 : std::filesystem::path(output),
                             find_libreoffice(options.libreoffice).has_value());
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
  BatchRequests requests;
  requests.limits_given = args.has("timeout") || args.has("memory-limit");
  requests.documents_inspected = !strict.empty() || args.has("summary");
  if (may_stream_single_file(expanded, options, requests)) {
    const ProgressLine items_line(1);
    const bool drawn = !quiet && !verbose && ::isatty(STDERR_FILENO);
    ItemProgress on_items;
    const std::string file = paths.front().path.string();
    if (drawn) {
      on_items = [&items_line, &file](std::size_t items, bool finishing) {
        items_line.draw_items(file, items, finishing);
      };
    }
    auto streamed = stream_single_file(exporter, paths.front(), options, output, on_items);
    if (drawn) items_line.clear();
    if (streamed) {
      const Document& document = streamed->document;
      if (verbose) {
        std::cerr << file << ": " << streamed->items << " items, " << document.warnings.size()
                  << " warnings (mapping " << document.mapping.name << ")\n";
      }
      if (!quiet) print_converted(1, 1, streamed->items, document.warnings.size(), 0, 0, output);
      return kExitOk;
    }
    // A crash is still one line (cli/crash.hpp).
    convert_single_file_in_process(options);
  }
  const bool progress = !quiet && !verbose && ::isatty(STDERR_FILENO) && paths.size() > 1;
  ProgressLine line(paths.size());
  const bool keep_digests = args.has("summary");
  std::vector<DocumentDigest> digests;
  std::vector<std::string> strict_failures;
  BatchEvents events;
  events.file_failed = [&](const std::filesystem::path& path, const std::string& error) {
    if (progress) line.clear();
    std::cerr << "trackport: " << path.string() << ": " << error << '\n';
  };
  events.file_done = [&](const FileOutcome& outcome) {
    if (outcome.error.empty() && verbose) {
      for (const auto& document : outcome.documents) {
        std::cerr << outcome.path.string() << ": " << document.items.size() << " items, "
                  << document.warnings.size() << " warnings (mapping " << document.mapping.name
                  << ")\n";
      }
    }
    line.file_done(outcome.path);
    if (progress) line.draw();
  };
  events.document = [&](const Document& document) {
    if (keep_digests) digests.push_back(digest_of(document));
    auto lines = strict_lines(document, strict);
    strict_failures.insert(strict_failures.end(), lines.begin(), lines.end());
  };
  events.output_lost = [&](const std::string& error) {
    if (progress) line.clear();
    std::cerr << "trackport: " << error << '\n';
  };
  BatchTotals totals;
  try {
    totals = convert_batch_to_output(expanded, options, jobs, exporter, output, events);
  } catch (const OutputRefused& e) {
    throw UsageError(e.what());
  }
  if (progress) line.clear();

  const std::size_t converted = totals.converted, failed = totals.failed,
                    skipped = totals.unchanged;
  if (converted == 0 && skipped > 0 && failed == 0) {
    if (!quiet) std::cerr << "all " << skipped << " input(s) unchanged since their last import\n";
    return kExitOk;
  }
  if (converted == 0) {
    std::cerr << "trackport: nothing converted; " << exporter.shown_output(output)
              << (totals.output_opened ? " holds nothing new\n" : " was not written\n");
    return kExitFailed;
  }
  if (args.has("summary")) {
    // With -o -, stdout is the data: everything else goes to stderr.
    std::ostream& summary = output == "-" ? std::cerr : std::cout;
    print_summary(digests, summary);
    summary.flush();
  }
  if (!quiet) {
    print_converted(converted, paths.size() + missing.size(), totals.items, totals.warnings,
                    skipped, expanded.skipped.size(), exporter.shown_output(output));
  }
  for (const auto& failure : strict_failures) std::cerr << failure << '\n';
  return failed > 0 || !strict_failures.empty() ? kExitFailed : kExitOk;
}

}  // namespace trackport::cli
