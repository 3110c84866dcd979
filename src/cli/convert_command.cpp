// trackport convert INPUT... -o OUTPUT
#include <unistd.h>

#include <iostream>
#include <map>
#include <thread>

#include "cli/args.hpp"
#include "exporters/exporter.hpp"
#include "io/input.hpp"
#include "pipeline/convert.hpp"

namespace trackport::cli {

namespace {

constexpr OptionSpec kOptions[] = {
    {"output", 'o', true}, {"mapping", 'm', true}, {"organisation", 0, true},
    {"format", 'f', true}, {"jobs", 'j', true},    {"quiet", 'q', false},
    {"verbose", 'v', false}, {"summary", 's', false}, {"help", 'h', false},
};

constexpr const char* kHelp = R"(usage: trackport convert INPUT... -o OUTPUT [options]

Converts every INPUT (files, or folders walked recursively) into one OUTPUT whose format comes
from its extension: .xlsx (the standard workbook), .json, .jsonl, .csv (the Items table).
Use -o - with --format json|jsonl|csv to write to standard output.

options:
  -o, --output PATH        where to write (written to a temporary file, then renamed)
  -m, --mapping NAME|FILE  use this mapping for every table instead of choosing one
      --organisation NAME  the council or partnership the inputs come from
  -f, --format NAME        output format when it cannot come from the extension
  -j, --jobs N             convert N files at once (default: all cores)
  -q, --quiet              print nothing but errors
  -v, --verbose            print one line per file
  -s, --summary            print a table of items and RAG counts per file
  -h, --help               this help

Exit status: 0 all converted, 1 some input failed (the others are still written), 2 usage error.
)";

const Exporter& choose_exporter(const Args& args, const std::string& output) {
  if (args.has("format")) {
    const auto* exporter = exporter_named(args.value("format"));
    if (!exporter) throw UsageError("unknown --format '" + args.value("format") + "'");
    return *exporter;
  }
  if (output == "-") return *exporter_named("json");
  const auto* exporter = exporter_for(output);
  if (!exporter) {
    throw UsageError("cannot tell the output format of '" + output +
                     "' (use .xlsx, .json, .jsonl or .csv, or --format)");
  }
  return *exporter;
}

void write_output(const Exporter& exporter, const std::vector<Document>& documents,
                  const std::string& output) {
  if (output == "-") {
    if (!exporter.can_stream()) {
      throw UsageError("the " + std::string(exporter.name()) + " format cannot go to stdout");
    }
    exporter.write(documents, std::cout);
    std::cout.flush();
    return;
  }
  AtomicOutput file{std::filesystem::path(output)};
  exporter.write_file(documents, file.temp_path());
  file.commit();
}

std::string fit(std::string text, std::size_t width) {
  if (text.size() > width) text = "…" + text.substr(text.size() - (width - 1));
  text.resize(std::max(text.size(), width), ' ');
  return text;
}

// One line per document: items and RAG counts, like a progress report's overview table.
void print_summary(const std::vector<Document>& documents) {
  std::cout << fit("source", 44) << fit("mapping", 28)
            << "items   red   a/r amber   a/g green  blue  none  warnings\n";
  for (const auto& document : documents) {
    std::map<Rating, std::size_t> counts;
    for (const auto& item : document.items) ++counts[item.status];
    auto column = [](std::size_t n, int width) {
      auto text = std::to_string(n);
      return std::string(static_cast<std::size_t>(std::max(0, width - static_cast<int>(text.size()))), ' ') + text;
    };
    std::cout << fit(document.source.file, 44) << fit(document.mapping.name, 28)
              << column(document.items.size(), 5);
    for (auto rating : {Rating::red, Rating::amber_red, Rating::amber, Rating::amber_green,
                        Rating::green, Rating::blue, Rating::none}) {
      std::cout << column(counts[rating], 6);
    }
    std::cout << column(document.warnings.size(), 10) << '\n';
  }
}

}  // namespace

int run_convert(std::span<const std::string> words) {
  Args args(words, kOptions);
  if (args.has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args.positional().empty()) throw UsageError("convert needs at least one INPUT (see --help)");
  if (!args.has("output")) throw UsageError("convert needs -o OUTPUT (see --help)");
  const std::string output = args.value("output");
  const Exporter& exporter = choose_exporter(args, output);
  if (output == "-" && !exporter.can_stream()) {
    throw UsageError("the " + std::string(exporter.name()) + " format cannot go to stdout");
  }

  ConvertOptions options;
  std::optional<Mapping> mapping;
  if (args.has("mapping")) {
    try {
      mapping = resolve_mapping(args.value("mapping"));
    } catch (const MappingError& e) {
      throw UsageError(e.what());
    }
    options.mapping = &*mapping;
  }
  options.organisation = args.value("organisation");
  const unsigned jobs = args.number("jobs", std::max(1u, std::thread::hardware_concurrency()));

  std::vector<std::string> missing;
  auto paths = expand_inputs(args.positional(), missing);
  for (const auto& path : missing) std::cerr << "trackport: " << path << ": no such file or folder\n";
  if (paths.empty()) {
    std::cerr << "trackport: no input files to convert\n";
    return kExitFailed;
  }

  const bool quiet = args.has("quiet");
  const bool verbose = args.has("verbose");
  const bool progress = !quiet && !verbose && ::isatty(STDERR_FILENO) && paths.size() > 1;
  std::size_t done = 0;
  auto on_done = [&](const FileOutcome& outcome) {
    ++done;
    if (!outcome.document) {
      if (progress) std::cerr << "\r\033[K";
      std::cerr << "trackport: " << outcome.path.string() << ": " << outcome.error << '\n';
    } else if (verbose) {
      std::cerr << outcome.path.string() << ": " << outcome.document->items.size() << " items, "
                << outcome.document->warnings.size() << " warnings (mapping "
                << outcome.document->mapping.name << ")\n";
    }
    if (progress) {
      std::cerr << "\r\033[K[" << done << '/' << paths.size() << "] " << outcome.path.filename().string()
                << std::flush;
    }
  };
  auto outcomes = convert_files(paths, options, jobs, on_done);
  if (progress) std::cerr << "\r\033[K";

  std::vector<Document> documents;
  std::size_t failed = missing.size(), items = 0, warnings = 0;
  for (auto& outcome : outcomes) {
    if (!outcome.document) {
      ++failed;
      continue;
    }
    items += outcome.document->items.size();
    warnings += outcome.document->warnings.size();
    documents.push_back(std::move(*outcome.document));
  }
  if (documents.empty()) {
    std::cerr << "trackport: nothing converted; " << output << " was not written\n";
    return kExitFailed;
  }
  write_output(exporter, documents, output);
  if (args.has("summary")) {
    print_summary(documents);
    std::cout.flush();
  }
  if (!quiet) {
    std::cerr << "converted " << documents.size() << " of " << paths.size() + missing.size()
              << " file(s): " << items << " items, " << warnings << " warnings"
              << (output == "-" ? std::string() : " -> " + output) << '\n';
  }
  return failed > 0 ? kExitFailed : kExitOk;
}

}  // namespace trackport::cli
