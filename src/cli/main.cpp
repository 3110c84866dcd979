// trackport: council delivery plans and progress trackers into one standard workbook.
#include <iostream>
#include <string>
#include <vector>

#include "cli/args.hpp"
#include "cli/crash.hpp"
#include "io/input.hpp"

namespace {

constexpr const char* kUsage = R"(trackport — convert council delivery plans and progress trackers

usage: trackport COMMAND [OPTIONS]

commands:
  convert INPUT... -o OUTPUT   convert files or folders into one output
                               (.xlsx standard workbook, .json, .jsonl, .csv)
  diff OLD NEW [-o OUT]        what changed between two periods of one plan
  inspect INPUT                show the tables found, header rows and mapping scores
  tables INPUT -o OUT          write the raw table grid (.json or .csv)
  mappings list|show NAME|check FILE
                               the built-in mappings, or check a mapping file

Run 'trackport COMMAND --help' for a command's options.
  --list-formats               the formats trackport reads and writes
  --version                    print the version
)";

}  // namespace

#if defined(__SANITIZE_ADDRESS__)
// In sanitizer builds: fontconfig keeps a process-wide font cache (filled by poppler for PDFs
// that use the standard 14 fonts) until exit on purpose; it is not ours to free.
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n";
}
#endif

int main(int argc, char** argv) {
  using namespace trackport::cli;
  // Interrupted or terminated, trackport leaves no temporary output file behind.
  trackport::remove_temporaries_on_signals();
  report_crashes();
  std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty()) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string command = words.front();
  std::span<const std::string> rest(words.data() + 1, words.size() - 1);
  try {
    if (command == "--help" || command == "-h" || command == "help") {
      std::cout << kUsage;
      return kExitOk;
    }
    if (command == "--version" || command == "-V") {
      std::cout << "trackport " << TRACKPORT_VERSION << '\n';
      return kExitOk;
    }
    if (command == "convert") return run_convert(rest);
    if (command == "diff") return run_diff(rest);
    if (command == "inspect") return run_inspect(rest);
    if (command == "tables") return run_tables(rest);
    if (command == "mappings") return run_mappings(rest);
    if (command == "--list-formats") {
      print_formats(std::cout);
      return kExitOk;
    }
    constexpr std::string_view kCommands[] = {"convert", "diff", "inspect", "tables", "mappings"};
    const std::string suggestion = did_you_mean(command, kCommands, "'", "'");
    throw UsageError("unknown command '" + command + "'" +
                     (suggestion.empty() ? " (try trackport --help)" : suggestion));
  } catch (const UsageError& e) {
    std::cerr << "trackport: " << e.what() << '\n';
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "trackport: " << e.what() << '\n';
    return kExitFailed;
  }
}
