// Column plans: which source column feeds which field, resolved once per table (as ogr2ogr
// resolves its field map once), so the row loop does no header lookups.
//
// Each column is placed by the strongest evidence for it, in this order: a rule of the mapping
// the user gave or chose; a rule of the named mapping that recognised the table; the generic
// header dictionary; the column's content (a profile of its first values). Single-valued fields
// are then given to one column each (the strongest evidence, then the leftmost): the others go to
// extra, with a warning naming both. Ratings and commentaries stay multi-valued.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "grid/table.hpp"
#include "mapping/layers.hpp"
#include "mapping/mapping.hpp"
#include "mapping/vocabulary.hpp"
#include "model/fields.hpp"

namespace trackport {

// How strong the evidence for a column's field is; lower is stronger.
enum class EvidenceTier { user = 0, named = 1, dictionary = 2, content = 3, none = 4 };

std::string_view evidence_tier_name(EvidenceTier tier);

struct Evidence {
  EvidenceTier tier = EvidenceTier::none;
  std::size_t rank = 0;  // within the tier: which of the rule's headers matched (0 = its first)
  std::string reason;    // for people: "header 'SRO' matches 'sro' (generic dictionary)"
};

struct PlannedColumn {
  std::size_t col = 0;
  std::string header;                // the header text as printed ("" for an unnamed column)
  std::string rule_header;           // the text the rules were matched against (a merged
                                     // header's text for the columns under it)
  const ColumnRule* rule = nullptr;  // nullptr: goes to extra under `header`
  std::string by;                    // rating/commentary: whose
  std::string fill_by;               // non-empty: this column's fill is a rating (fill_ratings)
  Evidence evidence;
  const ItemField* target = nullptr;  // the Item field the rule's field fills, when it is one
  // Set when the column also read as a single-valued field that another column was given: the
  // header of that column (this one goes to extra).
  std::string lost_to;
  Field lost_field = Field::ignore;
};

struct ColumnPlan {
  std::size_t header_row = 0;
  std::size_t header_rows = 1;  // 2 when a sub-header row names parts of a merged header
  std::vector<PlannedColumn> columns;
  std::optional<std::size_t> key_col;  // index into columns
  bool key_carries_down = false;
  std::vector<std::string> normalised_headers;  // for spotting repeated header rows
};

// The rule the layers' headers give a header (the user's, the named mapping's, the dictionary's),
// nullptr when none names it.
const ColumnRule* header_rule(const MappingLayers& layers, std::string_view header);

// A field that one column at most may feed.
bool is_single_valued(Field field);

// The non-empty header texts of a row, by column.
std::vector<std::string> row_texts(const Table& table, std::size_t row);

// Rows whose values the plan looks at: the decision is made on a table's first rows, so a table
// streamed in with these first is planned as the whole table would be.
inline constexpr std::size_t kDecisionRows = 64;

// Plans the columns of `table`, with the header at `header_row`, from the layers' rules and (when
// `use_content`) the columns' content.
ColumnPlan plan_columns(const Table& table, std::size_t header_row, const MappingLayers& layers,
                        const RatingVocabulary& vocabulary, bool use_content = true);

// How much of the table a plan explains, 0..1: the mean of the share of its named columns that
// are placed and the share of its non-empty values (in the decision rows) that are.
double explained_share(const Table& table, const ColumnPlan& plan);

// How well a mapping's recognise block fits a header row, 0..1 (0 when a required header is
// missing): its recognise headers found, against the share of the row's headers that it or
// `dictionary` names. `generic`: the dictionary's own score, the share of the headers it names.
double score_header(const Mapping& mapping, const std::vector<std::string>& headers, bool generic,
                    const Mapping* dictionary = nullptr);

}  // namespace trackport
