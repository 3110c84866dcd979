// The mapping engine: from tables of cells (any format) to the model's items.
// It knows headers and values, never file formats.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "grid/sheet_stream.hpp"
#include "grid/table.hpp"
#include "mapping/mapping.hpp"
#include "mapping/rows.hpp"
#include "model/document.hpp"

namespace trackport {

struct MapOptions {
  const Mapping* forced = nullptr;  // --mapping: use this one for every table
  double generic_min_score = 0.5;   // below this even the generic mapping does not apply
};

struct MappingCandidate {
  const Mapping* mapping = nullptr;
  double score = 0.0;
};

// What the engine decided for one table (also what `trackport inspect` shows).
struct TableDecision {
  int table = 0;                             // Table::index
  std::optional<std::size_t> header_row;     // grid row of the header
  std::vector<MappingCandidate> candidates;  // every mapping tried, best first
  const Mapping* chosen = nullptr;           // nullptr: not an item table
  double score = 0.0;
  bool generic = false;  // chosen is the synonym-dictionary fallback
};

struct MappingResult {
  std::vector<Item> items;
  std::vector<Warning> warnings;
  MappingInfo info;
  std::vector<TableDecision> decisions;
};

// Maps every table of a document. `file` is used in item and warning locations.
MappingResult map_document(const SourceDocument& document, const std::string& file,
                           const MapOptions& options = {});

// The same, freeing the grid's rows as they are read (the document's tables are left empty),
// so a big sheet is never held twice, as cells and as items.
MappingResult map_document_consuming(SourceDocument&& document, const std::string& file,
                                     const MapOptions& options = {});

// Maps a document's tables one at a time, as they are read: a streamed table is handed on with
// its first rows and grows (TableStream). Each table's decision is made on its first rows, so the
// result is the same as map_document's over the whole tables.
class DocumentMapper final : public TableStream {
 public:
  using ItemHandler = std::function<void(Item&&)>;
  // `consume`: free each table's rows once read. `hand_on`: receives the items in document order
  // as soon as no later row can change them (ids already unique); the result then holds none.
  DocumentMapper(std::string file, std::string title, const MapOptions& options, bool consume,
                 ItemHandler hand_on = {});
  void begin_table(Table& table) override;
  void rows_added(Table& table) override;
  void end_table(Table& table) override;
  // After the last table: the items not handed on, warnings, the document's mapping.
  MappingResult finish();
  // The document's mapping as it stands (the one that gave the most items so far, counting the
  // table being read): what finish() will give unless a later table gives more.
  MappingInfo mapping_so_far() const;

 private:
  void add_rows(Table& table);
  void hand_on_items(std::size_t keep);

  std::string file_;
  std::string title_;
  MapOptions options_;
  bool consume_;
  ItemHandler hand_on_;
  MappingResult result_;
  ItemBuffer items_;
  UniqueIds ids_;
  std::deque<ColumnPlan> plans_;  // the assembler keeps pointers into it
  std::optional<ItemAssembler> assembler_;
  TableDecision current_;
  bool assembling_ = false;  // the current table's rows go to the assembler
  std::size_t items_before_ = 0;
  const Mapping* current_mapping_ = nullptr;  // of the logical table being assembled
  std::vector<std::string> current_headers_;
  std::vector<std::string> banners_;        // section banners since the last item table
  std::vector<std::string> last_headings_;  // headings of the current logical table
  std::string last_sheet_;
  std::map<std::string, std::size_t> items_per_mapping_;
  std::map<std::string, double> score_per_mapping_;
};

// The header row and mapping for one table, without assembling items.
TableDecision decide_table(const Table& table, const MapOptions& options = {});

// The generic mapping built from the synonym dictionary (mappings/generic.yaml).
const Mapping& generic_mapping();

}  // namespace trackport
