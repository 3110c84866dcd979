// The mapping engine: from tables of cells (any format) to the model's items.
// It knows headers and values, never file formats.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "grid/sheet_stream.hpp"
#include "grid/table.hpp"
#include "mapping/layers.hpp"
#include "mapping/mapping.hpp"
#include "mapping/plan.hpp"
#include "mapping/rows.hpp"
#include "mapping/vocabulary.hpp"
#include "model/document.hpp"

namespace trackport {

struct MapOptions {
  const Mapping* forced = nullptr;  // --mapping: the strongest rules for every table
  // Mappings kept by the team (a mappings folder): recognised by their `recognise:` blocks, they
  // win over the built-in ones.
  std::vector<const Mapping*> kept;
  double min_explained = 0.5;  // a table placed by the dictionary must explain this much of itself
};

struct MappingCandidate {
  const Mapping* mapping = nullptr;
  double score = 0.0;  // how well its recognise block (the dictionary: its names) fits the header
};

// What a table is.
enum class TableKind {
  items,       // one item a data row
  key,         // a key (legend) of the document's ratings
  overview,    // counts under rating headers ("Priority | Green | Amber | Red | Total")
  indicators,  // performance indicators: code, title, baseline, targets by period
  breakdown,   // an indicator's baseline and targets by area ("Locality | Baseline | Targets")
  risks,       // a risk register
  matrix,      // a risk scoring matrix (impact x likelihood)
  contents,    // a table of contents
  signoff,     // who signed the plan off, and when
  other,       // anything else: titles, notes, prose
};

std::string_view table_kind_name(TableKind kind);

// What the engine decided for one table (also what `trackport inspect` shows).
struct TableDecision {
  int table = 0;  // Table::index
  TableKind kind = TableKind::other;
  std::optional<std::size_t> header_row;     // grid row of the header
  std::vector<MappingCandidate> candidates;  // every mapping tried, best first
  MappingLayers layers;                      // the mappings whose rules place its columns
  const Mapping* chosen = nullptr;           // the mapping it is reported under; nullptr: no items
  double score = 0.0;    // how much of the table the columns placed explain (0..1)
  bool generic = false;  // no named mapping recognised it: the dictionary and content placed it
  bool header_by_look = false;  // no mapping named its header: found by the look of its rows
  std::string reason;           // why it is, or is not, an item table
  std::vector<std::size_t> group_rows;  // grid rows read as group rows (themes, objectives)
  std::optional<ColumnPlan> plan;
};

struct MappingResult {
  std::vector<Item> items;
  std::vector<Indicator> indicators;
  std::vector<Risk> risks;
  std::vector<Warning> warnings;
  MappingInfo info;
  std::string period;  // the reporting period the document names ("Update June 2014"), if any
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
  // The document's rating words, when known before its tables (the whole-file path reads its key
  // tables first). Streamed, keys are learnt as they come.
  void set_vocabulary(RatingVocabulary vocabulary) { vocabulary_ = std::move(vocabulary); }
  // The title block's other lines (SourceDocument::subtitle), read for the period.
  void set_subtitle(std::string subtitle) { subtitle_ = std::move(subtitle); }
  void begin_table(Table& table) override;
  void rows_added(Table& table) override;
  void end_table(Table& table) override;
  // After the last table: the items not handed on, warnings, the document's mapping.
  MappingResult finish();
  // The document's mapping as it stands (the one that gave the most items so far, counting the
  // table being read): what finish() will give unless a later table gives more.
  MappingInfo mapping_so_far() const;
  // The reporting period found so far: an update column's header ("Update June 2014"), else the
  // title rows and headings above the item tables, else the subtitle, else the document's title.
  std::string period_so_far() const;

 private:
  void add_rows(Table& table);
  void hand_on_items(std::size_t keep);
  void learn_key(const Table& table);
  void read_register_table(const Table& table);
  void attach_breakdown(const Table& table, std::vector<IndicatorBreakdown>&& breakdown,
                        const std::string& of);
  Table* as_cards(Table& table);
  void note_period(const ColumnPlan& plan, const std::vector<std::string>& headings);
  void warn_if_item_like(const Table& table);
  bool continues_previous(const Table& table) const;
  void continue_previous(Table& table);

  std::string file_;
  std::string title_;
  std::string subtitle_;
  MapOptions options_;
  bool consume_;
  ItemHandler hand_on_;
  MappingResult result_;
  ItemBuffer items_;
  UniqueIds ids_;
  std::deque<ColumnPlan> plans_;  // the assembler keeps pointers into it
  std::deque<Table> cards_;       // card tables read as rows (the assembler points into it)
  std::optional<ItemAssembler> assembler_;
  TableDecision current_;
  bool assembling_ = false;  // the current table's rows go to the assembler
  std::size_t items_before_ = 0;
  RatingVocabulary vocabulary_;
  std::string period_of_column_;
  std::string period_of_heading_;
  const Mapping* current_mapping_ = nullptr;  // of the logical table being assembled
  std::vector<std::string> current_headers_;
  std::vector<std::string> banners_;        // section banners since the last item table
  std::string banners_sheet_;               // the sheet they stand on
  std::vector<std::string> last_headings_;  // headings of the current logical table
  std::string last_sheet_;
  std::map<std::string, std::size_t> items_per_mapping_;
  std::map<std::string, double> score_per_mapping_;
  // The header rows of the last register table, while a headerless table after it may be its
  // continuation over a page break.
  std::optional<Table> register_head_;
  // Where each logical item table's items begin (ItemBuffer::count), for tables that refer back.
  std::vector<std::size_t> table_starts_;
  // What a streamed document keeps of the items handed on, to see a later table refer to them:
  // ref, the start of the text, whether it was planned; by normalised ref, with its table.
  std::unordered_multimap<std::string, std::pair<std::size_t, Item>> handed_refs_;
  void check_refers_back(const Item& item, std::size_t index);
};

// What one table is, its header row, its mappings and its column plan, without assembling items.
// `vocabulary`: the document's own rating words (from its key tables).
TableDecision decide_table(const Table& table, const MapOptions& options = {},
                           const RatingVocabulary& vocabulary = {});

// The rating words the key tables of a document define (read before the items, so a key after
// the tracker still applies to it).
RatingVocabulary document_vocabulary(const std::vector<Table>& tables, const MapOptions& options);

// The mapping whose indicator_columns and risk_columns name register columns: a forced mapping
// that has them, else the generic one.
const Mapping& register_dictionary(const MapOptions& options);

// The generic mapping built from the synonym dictionary (mappings/generic.yaml).
const Mapping& generic_mapping();

}  // namespace trackport
