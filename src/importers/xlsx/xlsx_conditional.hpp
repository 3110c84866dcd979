// Conditional formatting (<conditionalFormatting> after a sheet's rows): the common rule kinds
// evaluated against each cell's value, so a rating given only by a rule's colour reaches the
// mapping engine as the cell's fill or font, marked as given by a format.
//
// Evaluated: cellIs (equal, notEqual, greaterThan(OrEqual), lessThan(OrEqual), between,
// notBetween) against a number or a quoted text; containsText, notContainsText, beginsWith,
// endsWith; containsBlanks and notContainsBlanks; expression rules that compare a cell of the
// same row with a literal ("$F5=\"Behind\"", "F5>=0.9"), AND/OR of such comparisons, and
// ISNUMBER(SEARCH("x",F5)) / NOT(ISERROR(SEARCH("x",F5))). Values are read from the text the cell
// shows ("45%" is 0.45). Colour scales, data bars, icon sets, top/bottom and duplicate rules are
// not evaluated.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "grid/sheet_stream.hpp"
#include "importers/xlsx/xlsx_styles.hpp"

namespace trackport {

struct XlsxConditionalRule {
  enum class Kind { cell_is, text, blanks, expression };
  Kind kind = Kind::cell_is;
  std::string op;                     // cellIs operator, or the text rule's type
  std::vector<std::string> formulas;  // as written
  std::string text;                   // text rules: the text searched for
  int priority = 0;
  bool stop = false;  // stopIfTrue
  XlsxDifferentialStyle style;
};

// The rules over some ranges of a sheet.
struct XlsxConditionalFormat {
  std::vector<SheetMerge> ranges;  // sqref, 1-based inclusive
  std::vector<XlsxConditionalRule> rules;
};

// Reads one <conditionalFormatting> element; rules of kinds not evaluated, and rules that colour
// nothing, are left out.
std::optional<XlsxConditionalFormat> read_conditional_format(pugi::xml_node node,
                                                             const XlsxStyles& styles);

// The conditional formats of one sheet, applied to each of its rows.
class XlsxConditionalFormats final : public LateCellStyles {
 public:
  explicit XlsxConditionalFormats(std::vector<XlsxConditionalFormat> formats)
      : formats_(std::move(formats)) {}
  bool empty() const { return formats_.empty(); }
  void apply(SheetRow& row) const override;

 private:
  std::vector<XlsxConditionalFormat> formats_;
};

}  // namespace trackport
