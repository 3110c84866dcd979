// trackport mappings list | show NAME | check FILE
#include <algorithm>
#include <cstring>
#include <fstream>
#include <iostream>

#include "cli/args.hpp"
#include "cli/mapping_option.hpp"
#include "io/input.hpp"
#include "mapping/builtin.hpp"
#include "mapping/engine.hpp"
#include "mapping/mapping.hpp"
#include "mapping/suggest.hpp"
#include "pipeline/convert.hpp"

namespace trackport::cli {

namespace {

constexpr OptionSpec kOptions[] = {
    {"output", 'o', true}, {"mappings", 0, true}, {"name", 0, true}, {"help", 'h', false}};

constexpr const char* kHelp = R"(usage: trackport mappings list [--mappings DIR]
       trackport mappings show NAME
       trackport mappings check FILE
       trackport mappings suggest INPUT [-o MAPPING.yaml] [--name NAME] [--mappings DIR]

list     the built-in mappings (compiled into trackport) and those of your mapping folders
         (--mappings DIR, TRACKPORT_MAPPINGS, ~/.config/trackport/mappings)
show     print a built-in mapping's YAML, a starting point for your own
check    read a mapping file and report the first problem with file:line:column
suggest  write a mapping for INPUT's layout, each column's rule commented with the evidence
         that placed it; converting INPUT with it gives the items the automatic choice gave
)";

void list_mappings(const ConvertOptions& options) {
  auto print = [](const Mapping& mapping, const std::string& origin) {
    std::cout << mapping.name;
    for (std::size_t pad = mapping.name.size(); pad < 28; ++pad) std::cout << ' ';
    std::cout << mapping.description;
    if (!origin.empty()) std::cout << " (" << origin << ")";
    std::cout << '\n';
  };
  for (const auto& mapping : options.catalogue->kept()) print(mapping, mapping.origin);
  for (const auto& mapping : builtin_mappings()) print(mapping, "");
  print(generic_mapping(), "");
}

int suggest(const Args& args, const std::string& input, const ConvertOptions& options) {
  ImportedFile imported;
  try {
    imported = import_file(input, options.import);
  } catch (const std::exception& e) {
    std::cerr << "trackport: " << input << ": " << e.what() << '\n';
    return kExitFailed;
  }
  MappingResult details;
  build_document(imported, options, &details);
  if (std::none_of(details.decisions.begin(), details.decisions.end(),
                   [](const TableDecision& d) { return d.kind == TableKind::items; })) {
    std::cerr << "trackport: " << input
              << ": no table reads as a list of items, so there is nothing to suggest (see "
                 "trackport inspect)\n";
    return kExitFailed;
  }
  const std::string name =
      args.value("name", std::filesystem::path(input).stem().string() + "-layout");
  const std::string yaml =
      suggest_mapping({name, input}, details.decisions,
                      document_vocabulary(imported.source.tables, map_options_for(options)));
  const std::string output = args.value("output", "-");
  if (output == "-") {
    std::cout << yaml;
    return kExitOk;
  }
  try {
    AtomicOutput out(output);
    std::ofstream file(out.temp_path(), std::ios::binary);
    file << yaml;
    file.close();
    if (!file) throw std::runtime_error("cannot write the file");
    out.commit();
  } catch (const std::exception& e) {
    std::cerr << "trackport: " << output << ": " << e.what() << '\n';
    return kExitFailed;
  }
  return kExitOk;
}

int show_mapping(const std::string& name) {
  for (const auto& embedded : embedded_mappings()) {
    auto mapping = parse_mapping(embedded.text, embedded.file_name);
    if (mapping.name == name) {
      std::cout << embedded.text;
      return kExitOk;
    }
  }
  throw UsageError("no built-in mapping named '" + name + "' (see trackport mappings list)");
}

int check_mapping(const std::string& path) {
  try {
    auto mapping = load_mapping_file(path);
    std::cout << path << ": ok (mapping '" << mapping.name << "', " << mapping.columns.size()
              << " columns)\n";
    return kExitOk;
  } catch (const MappingError& e) {
    std::cerr << e.what() << '\n';
    return kExitFailed;
  }
}

}  // namespace

int run_mappings(std::span<const std::string> words) {
  Args args(words, kOptions);
  const auto& rest = args.positional();
  if (args.has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  constexpr const char* kWhat = "mappings needs list, show NAME, check FILE or suggest INPUT";
  if (rest.empty()) throw UsageError(kWhat);
  ConvertOptions options;
  std::optional<Mapping> unused;
  apply_mapping_option(args, unused, options);
  if (rest[0] == "list" && rest.size() == 1) {
    list_mappings(options);
    return kExitOk;
  }
  if (rest[0] == "show" && rest.size() == 2) return show_mapping(rest[1]);
  if (rest[0] == "check" && rest.size() == 2) return check_mapping(rest[1]);
  if (rest[0] == "suggest" && rest.size() == 2) return suggest(args, rest[1], options);
  throw UsageError(kWhat);
}

}  // namespace trackport::cli
