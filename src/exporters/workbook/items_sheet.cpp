// The Items sheet: one row per Item, with RAG validation and fills on the rating columns. Its
// columns are item_table's (the CSV's) in an order of its own: what people read first, the
// identifying columns last.
#include <array>
#include <stdexcept>
#include <string>

#include "exporters/item_table.hpp"
#include "exporters/workbook/column_names.hpp"
#include "exporters/workbook/sheets.hpp"

namespace trackport::workbook {
namespace {

using item_table::CellKind;

struct ColumnRange {
  lxw_col_t first;
  lxw_col_t last;
};

// The fixed columns before the assessment columns, then those after them (Location follows).
// docs/MODEL.md states this order; the round trip reads the sheet by header, whatever the order.
constexpr std::array<std::string_view, 17> kLeadingColumns = {
    "Theme",     "Ref",       "Text",     "Status",     "Due",      "Leads",
    "Progress",  "Objective", "Category", "Measure",    "Baseline", "Target",
    "Due start", "Due end",   "Partners", "Mitigation", "Comments"};
constexpr std::array<std::string_view, 3> kTrailingColumns = {"Organisation", "Id", "Source"};
// The columns before this one stay in view when the sheet scrolls sideways.
constexpr std::string_view kFirstScrolledColumn = "Text";
// The columns a printout shows, up to this one: what people read, at a readable size (all 24 and
// more on one page's width printed at about 15%).
constexpr std::string_view kLastPrintedColumn = "Progress";
// The short columns among them are kept narrower than the prose (Text, Progress), their text
// wrapped, so the printed ones fit one page at about 60%.
struct WidthLimit {
  std::string_view header;
  std::size_t widest;
};
constexpr std::array<WidthLimit, 4> kWidthLimits = {
    {{"Theme", 30}, {"Due", 20}, {"Leads", 30}, {"Partners", 30}}};

using Columns = std::vector<const item_table::FixedColumn*>;

const item_table::FixedColumn& fixed_column(std::string_view header) {
  for (const auto& column : item_table::fixed_columns()) {
    if (column.header == header) return column;
  }
  throw std::logic_error("the Items sheet names an item column there is not: " +
                         std::string(header));
}

template <std::size_t N>
Columns columns_named(const std::array<std::string_view, N>& headers) {
  Columns columns;
  for (std::string_view header : headers) columns.push_back(&fixed_column(header));
  return columns;
}

struct Layout {
  Columns leading = columns_named(kLeadingColumns);
  Columns trailing = columns_named(kTrailingColumns);
};

const Layout& layout() {
  static const Layout columns = [] {
    Layout made;
    if (made.leading.size() + made.trailing.size() != item_table::fixed_columns().size()) {
      throw std::logic_error("the Items sheet leaves out an item column");
    }
    return made;
  }();
  return columns;
}

lxw_col_t leading_column(std::string_view header) {
  const auto& leading = layout().leading;
  for (std::size_t i = 0; i < leading.size(); ++i) {
    if (leading[i]->header == header) return static_cast<lxw_col_t>(i);
  }
  throw std::logic_error("not a leading Items column: " + std::string(header));
}

// `scratch` holds the text of cells made up from parts; it is reused for every cell.
void spill_fixed_cell(SheetSpill& sheet, SpillColumn column, const item_table::FixedColumn& spec,
                      const Document& document, const Item& item, std::string& scratch) {
  switch (spec.kind) {
    case CellKind::date:
      if (auto day = spec.date(item)) sheet.date(column, *day);
      break;
    case CellKind::long_text:
      sheet.wrapped_text(column, spec.text(document, item, scratch));
      break;
    case CellKind::quantity:
      sheet.number_or_text(column, spec.text(document, item, scratch), CellFormat::wrapped);
      break;
    case CellKind::text:
    case CellKind::rating:
      sheet.text(column, spec.text(document, item, scratch));
      break;
  }
}

lxw_col_t status_column() {
  const auto& leading = layout().leading;
  for (std::size_t i = 0; i < leading.size(); ++i) {
    if (leading[i]->kind == CellKind::rating) return static_cast<lxw_col_t>(i);
  }
  throw std::logic_error("the Items sheet has no rating column");
}

// The Status column and the block of assessment columns after the leading ones.
std::vector<ColumnRange> rating_columns(std::size_t assessment_count) {
  const lxw_col_t status = status_column();
  std::vector<ColumnRange> ranges = {{status, status}};
  if (assessment_count > 0) {
    const auto first = static_cast<lxw_col_t>(layout().leading.size());
    ranges.push_back({first, static_cast<lxw_col_t>(first + assessment_count - 1)});
  }
  return ranges;
}

// A drop-down of the rating labels; blank cells stay allowed.
void add_rating_validation(SheetWriter& sheet, ColumnRange range) {
  std::vector<std::string> labels;
  for (Rating rating : rag_ratings()) labels.emplace_back(rating_label(rating));
  std::vector<char*> list;  // libxlsxwriter wants a NULL-terminated char* array
  for (auto& label : labels) list.push_back(label.data());
  list.push_back(nullptr);

  lxw_data_validation validation{};
  validation.validate = LXW_VALIDATION_TYPE_LIST;
  validation.value_list = list.data();
  validation.ignore_blank = LXW_VALIDATION_ON;
  check(worksheet_data_validation_range(sheet.worksheet(), 1, range.first, sheet.row(), range.last,
                                        &validation),
        "adding the rating drop-down to Items");
}

// One "cell equals <label>" rule per rating, filling the cell in its colour.
void add_rating_fills(SheetWriter& sheet, ColumnRange range) {
  for (Rating rating : rag_ratings()) {
    std::string quoted_label = "\"" + std::string(rating_label(rating)) + "\"";
    lxw_conditional_format rule{};
    rule.type = LXW_CONDITIONAL_TYPE_CELL;
    rule.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
    rule.value_string = quoted_label.data();
    rule.format = sheet.formats().fill_for(rating);
    check(worksheet_conditional_format_range(sheet.worksheet(), 1, range.first, sheet.row(),
                                             range.last, &rule),
          "adding the RAG fills to Items");
  }
}

}  // namespace

std::vector<std::string> items_headers(const std::vector<std::string>& assessment_headers) {
  std::vector<std::string_view> fixed;
  for (const auto& column : item_table::fixed_columns()) fixed.push_back(column.header);
  fixed.push_back(item_table::kLocationHeader);
  const auto assessment_names = distinct_column_names(assessment_headers, fixed);

  std::vector<std::string> headers;
  for (const auto* column : layout().leading) headers.emplace_back(column->header);
  headers.insert(headers.end(), assessment_names.begin(), assessment_names.end());
  for (const auto* column : layout().trailing) headers.emplace_back(column->header);
  headers.emplace_back(item_table::kLocationHeader);
  return headers;
}

std::string items_column_header(SpillColumn column, const KeyNumbers& assessments) {
  const auto& trailing = layout().trailing;
  if (column >= kColumnsAfterKeys) {
    const std::size_t after = column - kColumnsAfterKeys;
    return after < trailing.size() ? std::string(trailing[after]->header)
                                   : std::string(item_table::kLocationHeader);
  }
  if (column >= kKeyColumns) return assessments.names().at(column - kKeyColumns);
  return std::string(layout().leading.at(column)->header);
}

void spill_item_row(SheetSpill& sheet, const Document& document, const Item& item,
                    KeyNumbers& assessments, bool organisation_later, std::uint32_t source_row) {
  thread_local std::string scratch;
  sheet.next_row();
  sheet.origin(item.source);
  const auto& leading = layout().leading;
  for (std::size_t i = 0; i < leading.size(); ++i) {
    spill_fixed_cell(sheet, static_cast<SpillColumn>(i), *leading[i], document, item, scratch);
  }
  // The item's first assessment by each `by` (item_table::assessment_label): its label.
  for (std::size_t i = 0; i < item.assessments.size(); ++i) {
    const Assessment& assessment = item.assessments[i];
    bool first_by = true;
    for (std::size_t j = 0; j < i && first_by; ++j)
      first_by = item.assessments[j].by != assessment.by;
    const std::size_t key = assessments.number(assessment.by);
    if (first_by) sheet.text(key_column(key), rating_label(assessment.rating));
  }
  const auto& trailing = layout().trailing;
  for (std::size_t i = 0; i < trailing.size(); ++i) {
    if (organisation_later && trailing[i]->header == "Organisation") {
      sheet.document_field(column_after_keys(i), DocumentField::organisation);
    } else if (trailing[i]->header == "Source") {
      sheet.link(column_after_keys(i), trailing[i]->text(document, item, scratch), kSourcesSheet,
                 source_row);
    } else {
      spill_fixed_cell(sheet, column_after_keys(i), *trailing[i], document, item, scratch);
    }
  }
  scratch.clear();
  item_table::append_location_label(scratch, item.source);
  sheet.text(column_after_keys(trailing.size()), scratch);
}

ColumnPlan items_column_plan(std::size_t assessment_count) {
  ColumnPlan plan;
  const auto first = static_cast<lxw_col_t>(layout().leading.size());
  for (std::size_t i = 0; i < assessment_count; ++i)
    plan.key_columns.push_back(static_cast<lxw_col_t>(first + i));
  plan.first_after_keys = static_cast<lxw_col_t>(first + assessment_count);
  return plan;
}

void prepare_items_sheet(SheetWriter& sheet) {
  for (const auto& limit : kWidthLimits)
    sheet.limit_width(leading_column(limit.header), limit.widest);
}

void finish_items_sheet(SheetWriter& sheet, std::size_t assessment_count) {
  if (sheet.row() > 0) {
    for (ColumnRange range : rating_columns(assessment_count)) {
      add_rating_validation(sheet, range);
      add_rating_fills(sheet, range);
    }
  }
  sheet.finish_table(
      {.frozen_columns = leading_column(kFirstScrolledColumn),
       .printed_columns = static_cast<lxw_col_t>(leading_column(kLastPrintedColumn) + 1)});
}

}  // namespace trackport::workbook
