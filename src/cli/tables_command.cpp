// trackport tables INPUT -o OUT.json|OUT.csv
#include <fstream>
#include <iostream>

#include "cli/args.hpp"
#include "io/input.hpp"
#include "pipeline/convert.hpp"
#include "pipeline/tables_output.hpp"

namespace trackport::cli {

namespace {

constexpr OptionSpec kOptions[] = {
    {"output", 'o', true}, {"password", 0, true}, {"help", 'h', false}};

constexpr const char* kHelp = R"(usage: trackport tables INPUT -o OUT.json|OUT.csv [--password TEXT]

Writes every table found in INPUT as a grid: each cell's row, column, spans, text (and, for PDF,
its bounding box in points from the page's bottom-left). -o - writes JSON to standard output.
--password opens an encrypted PDF (also read from TRACKPORT_PDF_PASSWORD).
)";

}  // namespace

int run_tables(std::span<const std::string> words) {
  Args args(words, kOptions);
  if (args.has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args.positional().size() != 1) throw UsageError("tables needs exactly one INPUT");
  if (!args.has("output")) throw UsageError("tables needs -o OUT.json or OUT.csv");
  const std::string input = args.positional().front();
  const std::string output = args.value("output");
  bool csv = extension_of(output) == "csv";
  if (output != "-" && !csv && extension_of(output) != "json") {
    throw UsageError("tables writes .json or .csv");
  }
  ImportedFile imported;
  try {
    ImportOptions options;
    options.pdf_password = pdf_password(args);
    imported = import_file(input, options);
  } catch (const std::exception& e) {
    std::cerr << "trackport: " << input << ": " << e.what() << '\n';
    return kExitFailed;
  }
  auto write = [&](std::ostream& out) {
    if (csv) {
      write_tables_csv(imported.source, out);
    } else {
      write_tables_json(imported.source, input, out);
    }
  };
  if (output == "-") {
    write(std::cout);
    return kExitOk;
  }
  AtomicOutput file{std::filesystem::path(output)};
  {
    std::ofstream out(file.temp_path(), std::ios::binary);
    write(out);
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + output);
  }
  file.commit();
  return kExitOk;
}

}  // namespace trackport::cli
