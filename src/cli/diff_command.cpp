// trackport diff OLD NEW: what changed between two reporting periods of one plan.
#include <fstream>
#include <iostream>
#include <optional>

#include "cli/args.hpp"
#include "cli/mapping_option.hpp"
#include "compare/compare.hpp"
#include "exporters/changes/changes_json.hpp"
#include "exporters/changes/changes_workbook.hpp"
#include "io/input.hpp"
#include "pipeline/convert.hpp"
#include "pipeline/documents.hpp"

namespace trackport::cli {

namespace {

constexpr OptionSpec kOptions[] = {
    {"output", 'o', true}, {"mapping", 'm', true}, {"mappings", 0, true},
    {"all", 'a', false},   {"progress", 0, false}, {"help", 'h', false},
};

constexpr const char* kHelp =
    R"(usage: trackport diff OLD NEW [-o changes.xlsx|changes.json] [options]

Compares two reporting periods of the same plan. OLD and NEW are any inputs trackport converts
(xlsx, docx, html, pdf, csv, ...), a trackport .json holding one document, or a document in a
trackport database: tracker.sqlite:FILE (its source file as converted) or tracker.sqlite:SHA256
(its source's sha256), or tracker.sqlite alone when it holds one document; the same of a
PostgreSQL database as postgresql://HOST/DB#FILE or #SHA256. Items are matched
by reference, else by the similarity of their texts, and the table lists what changed: status
moves (worst first), new and dropped items, changed leads and due dates.

options:
  -o, --output PATH        also write the changes: .xlsx (Changes and Summary sheets) or .json
  -m, --mapping NAME|FILE  use this mapping for both inputs instead of choosing one
      --mappings DIR       a folder of your own mappings, tried before the built-in ones
  -a, --all                also list changed texts, measures and assessments
      --progress           also list changed progress texts (otherwise only counted)
  -h, --help               this help

Exit status: 0 compared (whether or not anything changed), 1 an input could not be read or the
output not written, 2 usage error.
)";

// Text columns count code points, not bytes: "→" and "…" are one column each.
std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (char c : text) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

std::string pad(std::string text, std::size_t width) {
  const std::size_t shown = display_width(text);
  if (shown < width) text.append(width - shown, ' ');
  return text;
}

// The first line of a text, cut at a character boundary to `width` columns.
std::string headline(const std::string& text, std::size_t width = 80) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.empty()) return "(no text)";
  std::size_t columns = 0;
  for (std::size_t at = 0; at < line.size(); ++at) {
    if ((static_cast<unsigned char>(line[at]) & 0xC0) == 0x80) continue;
    if (++columns > width) return line.substr(0, at) + "…";
  }
  return line;
}

// Where two texts start to differ, as a byte offset a little before it (at a word start), so
// that an edit far into a long text still shows on one line.
std::size_t difference_start(const std::string& a, const std::string& b) {
  constexpr std::size_t kContext = 30;
  std::size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common]) ++common;
  if (common <= kContext) return 0;
  std::size_t start = common - kContext;
  while (start > 0 && a[start - 1] != ' ') --start;  // a space is never inside a UTF-8 character
  return start;
}

// The text from `start` on, marked with "…" when it does not begin there.
std::string from_column(const std::string& text, std::size_t start) {
  if (start == 0 || start >= text.size()) return text;
  return "…" + text.substr(start);
}

std::string rating_text(Rating rating) {
  return rating == Rating::none ? "None" : std::string(rating_label(rating));
}

const ItemSide& shown_item(const Change& change) {
  return change.new_item ? *change.new_item : *change.old_item;
}

// Prints changes as aligned lines: a first column (the status move, the new status...), the
// reference and the item's text, then any detail lines under it.
class ChangeTable {
 public:
  explicit ChangeTable(const Comparison& comparison) {
    for (const auto& change : comparison.changes) {
      ref_width_ = std::max(ref_width_, display_width(shown_item(change).ref));
    }
  }

  void line(const std::string& first, std::size_t first_width, const Change& change) const {
    std::cout << pad(first, first_width) << "  ";
    if (ref_width_ > 0) std::cout << pad(shown_item(change).ref, ref_width_) << "  ";
    std::cout << headline(shown_item(change).text) << '\n';
  }

  void detail(const std::string& text) const { std::cout << std::string(4, ' ') << text << '\n'; }

 private:
  std::size_t ref_width_ = 0;
};

std::string move_text(const Change& change) {
  return rating_text(change.old_status) + " → " + rating_text(change.new_status);
}

void print_status_moves(const Comparison& comparison, const ChangeTable& table) {
  const auto moves = comparison.of_kind(ChangeKind::status);
  std::size_t width = 0;
  for (const auto* move : moves) width = std::max(width, display_width(move_text(*move)));
  for (const auto* move : moves) table.line(move_text(*move), width, *move);
}

// New and dropped items under a heading, each with its status.
void print_items(const Comparison& comparison, const ChangeTable& table, ChangeKind kind) {
  const auto changes = comparison.of_kind(kind);
  if (changes.empty()) return;
  std::cout << change_kind_name(kind) << ":\n";
  for (const auto* change : changes) {
    const Rating status = kind == ChangeKind::added ? change->new_status : change->old_status;
    table.line("  " + rating_text(status), 13, *change);
  }
}

// Lead, due, text... changes: the item, then "old → new" (or both texts on their own lines).
void print_value_changes(const Comparison& comparison, const ChangeTable& table, ChangeKind kind,
                         const std::string& heading) {
  const auto changes = comparison.of_kind(kind);
  if (changes.empty()) return;
  std::cout << heading << ":\n";
  const bool long_values =
      kind == ChangeKind::text || kind == ChangeKind::measure || kind == ChangeKind::progress;
  for (const auto* change : changes) {
    const std::string label = change->field.empty() ? "" : change->field;
    table.line("  " + label, 2 + label.size(), *change);
    auto shown = [](const std::string& value) { return value.empty() ? "(none)" : value; };
    if (long_values) {
      const std::size_t from = difference_start(change->old_value, change->new_value);
      table.detail("was: " + headline(shown(from_column(change->old_value, from)), 100));
      table.detail("now: " + headline(shown(from_column(change->new_value, from)), 100));
    } else {
      table.detail(shown(change->old_value) + " → " + shown(change->new_value));
    }
  }
}

void print_comparison(const Comparison& comparison, bool all) {
  std::cout << comparison.old_file << " (" << comparison.old_items << " items) → "
            << comparison.new_file << " (" << comparison.new_items
            << " items): " << comparison.matches.size() << " matched\n";
  const ChangeTable table(comparison);
  print_status_moves(comparison, table);
  print_items(comparison, table, ChangeKind::added);
  print_items(comparison, table, ChangeKind::dropped);
  print_value_changes(comparison, table, ChangeKind::lead, "lead changed");
  print_value_changes(comparison, table, ChangeKind::due, "due changed");
  if (all) {
    print_value_changes(comparison, table, ChangeKind::text, "text changed");
    print_value_changes(comparison, table, ChangeKind::measure, "measure changed");
    print_value_changes(comparison, table, ChangeKind::assessment, "assessment changed");
  }
  print_value_changes(comparison, table, ChangeKind::progress, "progress changed");
}

// "changes: 2 status, 1 new, ...; 14 progress updates": the counts, listed or not.
void print_counts(const Comparison& comparison, bool all) {
  std::cout << "changes: " << comparison.count(ChangeKind::status) << " status, "
            << comparison.count(ChangeKind::added) << " new, "
            << comparison.count(ChangeKind::dropped) << " dropped, "
            << comparison.count(ChangeKind::lead) << " lead, " << comparison.count(ChangeKind::due)
            << " due, " << comparison.count(ChangeKind::text) << " text"
            << (all || comparison.count(ChangeKind::text) == 0 ? "" : " (--all lists them)") << "; "
            << comparison.progress_changed << " progress updates\n";
}

void write_output(const Comparison& comparison, const std::string& output) {
  const std::string extension = extension_of(output);
  AtomicOutput file{std::filesystem::path(output)};
  if (extension == "xlsx") {
    write_changes_workbook(comparison, file.temp_path());
  } else {
    std::ofstream out(file.temp_path(), std::ios::binary);
    write_changes_json(comparison, out);
    out.close();
    if (!out) throw std::runtime_error("cannot write " + output);
  }
  file.commit();
}

void check_output_name(const std::string& output) {
  const std::string extension = extension_of(output);
  if (output != "-" && extension != "xlsx" && extension != "json") {
    throw UsageError("cannot tell the output format of '" + output + "' (use .xlsx or .json)");
  }
}

}  // namespace

int run_diff(std::span<const std::string> words) {
  Args args(words, kOptions);
  if (args.has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args.positional().size() != 2)
    throw UsageError("diff needs two inputs: OLD NEW (see --help)");
  const std::string output = args.value("output");
  if (args.has("output")) check_output_name(output);

  ConvertOptions options;
  std::optional<Mapping> mapping;
  apply_mapping_option(args, mapping, options);

  Comparison comparison;
  try {
    const Document old_doc = load_one_document(args.positional()[0], options);
    const Document new_doc = load_one_document(args.positional()[1], options);
    CompareOptions compare_options;
    compare_options.list_progress = args.has("progress");
    comparison = compare_documents(old_doc, new_doc, compare_options);
  } catch (const SourceError& e) {
    std::cerr << "trackport: " << e.what() << '\n';
    return kExitFailed;
  }

  // JSON on standard output replaces the table.
  if (output == "-") {
    write_changes_json(comparison, std::cout);
    return kExitOk;
  }
  print_comparison(comparison, args.has("all"));
  print_counts(comparison, args.has("all"));
  std::cout.flush();
  if (!output.empty()) write_output(comparison, output);
  return kExitOk;
}

}  // namespace trackport::cli
