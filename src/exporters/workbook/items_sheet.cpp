// The Items sheet: one row per Item, with RAG validation and fills on the rating columns. Its
// columns are item_table's (the CSV's) in an order of its own: what people read first, the
// identifying columns last.
#include <array>
#include <stdexcept>
#include <string>

#include "exporters/item_table.hpp"
#include "exporters/workbook/sheets.hpp"

namespace trackport::workbook {
namespace {

using item_table::CellKind;

constexpr const char* kSheetName = "Items";

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

std::vector<std::string> items_headers(const std::vector<std::string>& assessment_headers) {
  std::vector<std::string> headers;
  for (const auto* column : layout().leading) headers.emplace_back(column->header);
  headers.insert(headers.end(), assessment_headers.begin(), assessment_headers.end());
  for (const auto* column : layout().trailing) headers.emplace_back(column->header);
  headers.emplace_back(item_table::kLocationHeader);
  return headers;
}

// `scratch` holds the text of cells made up from parts; it is reused for every cell.
void write_fixed_cell(SheetWriter& sheet, lxw_col_t column, const item_table::FixedColumn& spec,
                      const Document& document, const Item& item, std::string& scratch) {
  switch (spec.kind) {
    case CellKind::date:
      if (auto day = spec.date(item)) sheet.date(column, *day);
      break;
    case CellKind::long_text:
      sheet.wrapped_text(column, spec.text(document, item, scratch));
      break;
    case CellKind::text:
    case CellKind::rating:
      sheet.text(column, spec.text(document, item, scratch));
      break;
  }
}

void write_item_row(SheetWriter& sheet, const Document& document, const Item& item,
                    const std::vector<std::string>& assessment_headers, std::string& scratch) {
  sheet.next_row();
  sheet.origin(document, item.source);
  lxw_col_t column = 0;
  for (const auto* spec : layout().leading) {
    write_fixed_cell(sheet, column++, *spec, document, item, scratch);
  }
  for (const auto& by : assessment_headers) {
    scratch.assign(item_table::assessment_label(item, by));
    sheet.text(column++, scratch);
  }
  for (const auto* spec : layout().trailing) {
    write_fixed_cell(sheet, column++, *spec, document, item, scratch);
  }
  scratch.clear();
  item_table::append_location_label(scratch, item.source);
  sheet.text(column, scratch);
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

void write_items_sheet(lxw_workbook* workbook, const Formats& formats, const Documents& documents,
                       CutCells& cut_cells) {
  SheetWriter sheet(workbook, kSheetName, formats, &cut_cells);
  const std::vector<std::string> assessment_headers = item_table::assessment_headers(documents);
  sheet.write_header(items_headers(assessment_headers));
  std::string scratch;
  for (const auto& document : documents) {
    for (const auto& item : document.items) {
      write_item_row(sheet, document, item, assessment_headers, scratch);
    }
  }
  if (sheet.row() > 0) {
    for (ColumnRange range : rating_columns(assessment_headers.size())) {
      add_rating_validation(sheet, range);
      add_rating_fills(sheet, range);
    }
  }
  sheet.finish_table({.frozen_columns = leading_column(kFirstScrolledColumn)});
}

}  // namespace trackport::workbook
