// trackport inspect INPUT: what the importer found and what the mapping engine decided.
#include <iomanip>
#include <iostream>

#include "cli/args.hpp"
#include "cli/mapping_option.hpp"
#include "mapping/plan.hpp"
#include "model/rating.hpp"
#include "pipeline/convert.hpp"

namespace trackport::cli {

namespace {

constexpr OptionSpec kOptions[] = {{"mapping", 'm', true},
                                   {"mappings", 0, true},
                                   {"rows", 'n', true},
                                   {"password", 0, true},
                                   {"help", 'h', false}};

constexpr const char* kHelp =
    R"(usage: trackport inspect INPUT [--mapping NAME|FILE] [--mappings DIR] [--rows N] [--password TEXT]

Shows the tables found in INPUT, the header row of each, every mapping's score against it, how
each column is placed, and the first N items as mapped (default 3). --password opens an
encrypted PDF (also read from TRACKPORT_PDF_PASSWORD).
)";

std::string shorten(const std::string& text, std::size_t width = 60) {
  std::string flat;
  for (char c : text) flat += c == '\n' ? ' ' : c;
  if (flat.size() <= width) return flat;
  std::size_t cut = width;
  while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80) --cut;
  return flat.substr(0, cut) + "…";
}

void print_candidates(const TableDecision& decision) {
  std::cout << "  candidates:";
  for (const auto& candidate : decision.candidates) {
    std::cout << ' ' << candidate.mapping->name << ' ' << std::fixed << std::setprecision(2)
              << candidate.score;
  }
  std::cout << '\n';
}

void print_column(const PlannedColumn& column) {
  std::cout << "    " << column_letters(static_cast<int>(column.col) + 1) << "  "
            << shorten(column.header, 50) << " -> ";
  if (!column.rule) {
    std::cout << "extra";
    if (!column.lost_to.empty()) {
      std::cout << " (also reads as " << field_name(column.lost_field) << ", given to '"
                << shorten(column.lost_to, 30) << "')";
    }
  } else {
    std::cout << field_name(column.rule->field);
    if (!column.by.empty()) std::cout << " (by " << shorten(column.by, 30) << ")";
    if (column.rule->carry_down) std::cout << " (carried down)";
  }
  if (!column.fill_by.empty()) std::cout << " [fill rating: " << column.fill_by << "]";
  if (column.rule) std::cout << "  <- " << column.evidence.reason;
  std::cout << '\n';
}

void print_decision(const Table& table, const TableDecision& decision) {
  std::cout << "table " << table.index;
  if (!table.sheet.empty()) std::cout << " (sheet " << table.sheet << ")";
  if (!table.pages.empty()) std::cout << " (pages " << table.pages << ")";
  std::cout << ": " << table.rows.size() << " rows x " << table.column_count() << " columns, "
            << table_kind_name(decision.kind);
  if (!decision.reason.empty()) std::cout << " (" << decision.reason << ")";
  std::cout << '\n';
  if (!decision.chosen && decision.header_row) {
    std::cout << "  header row " << *decision.header_row + 1 << '\n';
  }
  if (!decision.chosen) {
    if (decision.kind == TableKind::other && !decision.candidates.empty() &&
        decision.candidates.front().score > 0) {
      print_candidates(decision);
    }
    return;
  }
  for (const auto& heading : table.headings) std::cout << "  heading: " << shorten(heading) << '\n';
  print_candidates(decision);
  std::cout << "  mapping: " << decision.chosen->name << " (explains " << std::setprecision(2)
            << decision.score << (decision.generic ? ", generic" : "") << ")\n";
  if (!decision.plan) return;
  const ColumnPlan& plan = *decision.plan;
  std::cout << "  header row " << plan.header_row + 1;
  if (plan.header_rows > 1) std::cout << " (and " << plan.header_rows - 1 << " sub-header row)";
  std::cout << (decision.header_by_look ? " (found by its look)" : "") << ":\n";
  for (const auto& column : plan.columns) {
    if (!column.header.empty()) print_column(column);
  }
  if (!decision.group_rows.empty()) {
    std::cout << "  group rows (themes of the rows below them):";
    for (std::size_t row : decision.group_rows) {
      std::cout << ' ' << row + 1 << " \""
                << shorten(table.text_at(row, 0).empty() ? row_texts(table, row).back()
                                                         : table.text_at(row, 0),
                           40)
                << '"';
    }
    std::cout << '\n';
  }
}

void print_item(const Item& item) {
  std::cout << "  " << item.id << ": " << shorten(item.text) << '\n';
  auto field = [](const char* name, const std::string& value) {
    if (!value.empty()) std::cout << "      " << name << ": " << shorten(value) << '\n';
  };
  field("theme", item.theme);
  field("objective", item.objective);
  field("measure", item.measure);
  if (item.due) field("due", item.due->raw);
  std::string leads;
  for (const auto& lead : item.leads) leads += (leads.empty() ? "" : "; ") + lead;
  field("leads", leads);
  field("progress", item.progress);
  std::cout << "      status: " << rating_name(item.status) << '\n';
}

}  // namespace

int run_inspect(std::span<const std::string> words) {
  Args args(words, kOptions);
  if (args.has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args.positional().size() != 1) throw UsageError("inspect needs exactly one INPUT");
  const std::string input = args.positional().front();
  ConvertOptions options;
  std::optional<Mapping> mapping;
  apply_mapping_option(args, mapping, options);
  options.import.pdf_password = pdf_password(args);
  ImportedFile imported;
  try {
    imported = import_file(input, options.import);
  } catch (const std::exception& e) {
    std::cerr << "trackport: " << input << ": " << e.what() << '\n';
    return kExitFailed;
  }
  MappingResult details;
  Document document = build_document(imported, options, &details);
  std::cout << input << ": " << imported.format << ", " << imported.source.tables.size()
            << " table(s)\n";
  if (!document.title.empty()) std::cout << "title: " << shorten(document.title, 80) << '\n';
  for (std::size_t i = 0; i < imported.source.tables.size(); ++i) {
    print_decision(imported.source.tables[i], details.decisions[i]);
  }
  if (!document.indicators.empty() || !document.risks.empty()) {
    std::cout << document.indicators.size() << " indicator(s), " << document.risks.size()
              << " risk(s)\n";
  }
  std::cout << document.items.size() << " item(s), " << document.warnings.size()
            << " warning(s); first items:\n";
  unsigned rows = args.number("rows", 3);
  for (std::size_t i = 0; i < document.items.size() && i < rows; ++i) print_item(document.items[i]);
  for (const auto& warning : document.warnings) {
    std::cout << "  warning " << warning.code << ": " << warning.message << '\n';
  }
  return kExitOk;
}

}  // namespace trackport::cli
