// trackport mappings list | show NAME | check FILE
#include <cstring>
#include <iostream>

#include "cli/args.hpp"
#include "mapping/builtin.hpp"
#include "mapping/engine.hpp"
#include "mapping/mapping.hpp"

namespace trackport::cli {

namespace {

constexpr OptionSpec kOptions[] = {{"help", 'h', false}};

constexpr const char* kHelp = R"(usage: trackport mappings list
       trackport mappings show NAME
       trackport mappings check FILE

list   the built-in mappings (compiled into trackport) with what they are for
show   print a built-in mapping's YAML, a starting point for your own
check  read a mapping file and report the first problem with file:line:column
)";

void list_mappings() {
  auto print = [](const Mapping& mapping) {
    std::cout << mapping.name;
    for (std::size_t pad = mapping.name.size(); pad < 28; ++pad) std::cout << ' ';
    std::cout << mapping.description << '\n';
  };
  for (const auto& mapping : builtin_mappings()) print(mapping);
  print(generic_mapping());
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
  if (rest.empty()) throw UsageError("mappings needs list, show NAME or check FILE");
  if (rest[0] == "list" && rest.size() == 1) {
    list_mappings();
    return kExitOk;
  }
  if (rest[0] == "show" && rest.size() == 2) return show_mapping(rest[1]);
  if (rest[0] == "check" && rest.size() == 2) return check_mapping(rest[1]);
  throw UsageError("mappings needs list, show NAME or check FILE");
}

}  // namespace trackport::cli
