// The cell formats of a BIFF workbook: FONT (colours), FORMAT (number format codes), XF (each
// cell format's font, number format and fill) and PALETTE (the file's own colours for the
// indexes XF and FONT use). Read from the workbook globals, then asked for each cell's XF index.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "grid/number_format.hpp"
#include "importers/xls/biff_records.hpp"
#include "model/rating.hpp"

namespace trackport {

// What a cell's format gives the grid.
struct XlsCellStyle {
  std::optional<Rgb> fill;  // a solid fill's colour
  std::optional<Rgb> font;  // the font's colour, unless automatic
  std::string number_format;
  std::optional<DateFormat> date_format;  // set when the format shows dates or times
};

class XlsStyles {
 public:
  // BIFF version: 2, 3, 4, 5 (also Excel 95's "BIFF7") or 8.
  explicit XlsStyles(int version) : version_(version) {}

  void add_font(std::string_view data);
  void set_last_font_colour(std::uint16_t colour);  // BIFF2's FONTCOLOR record
  void add_format(std::string_view data, const biff::CodePage& code_page);
  void add_format8(biff::BiffData& data);  // BIFF8: its string may go on in a CONTINUE
  void add_xf(std::string_view data);
  void set_palette(std::string_view data);

  // The style of XF `index`; a plain one for an unknown index. Resolved when first asked for,
  // and again after a FONT, FORMAT or PALETTE record changed what it depends on (a BIFF2-4
  // worksheet may interleave them with its cells): each record and each cell costs O(1).
  const XlsCellStyle& style(std::size_t index);
  // A number format by its index (for BIFF2 cells, which name theirs directly).
  const XlsCellStyle& format_style(std::size_t format_index);
  // The colour of font `index` (rich-text runs), unless automatic.
  std::optional<Rgb> font_colour(std::size_t index) const;
  // The colour of palette index `index`; nullopt for the system colours (automatic).
  std::optional<Rgb> colour(std::uint16_t index) const;

 private:
  struct Xf {
    std::uint16_t font = 0;
    std::uint16_t format = 0;
    std::uint8_t pattern = 0;  // fill pattern: 1 is solid
    std::uint16_t fore = 64;   // pattern colour (the fill of a solid pattern)
    std::uint16_t back = 65;
  };

  XlsCellStyle make_style(std::uint16_t format, std::optional<Rgb> fill,
                          std::optional<Rgb> font) const;
  std::string format_code(std::uint16_t format) const;

  int version_;
  std::vector<std::uint16_t> font_colours_;  // by font index (4 is never used: see add_font)
  std::unordered_map<std::uint16_t, std::string> formats_;
  std::uint16_t formats_in_order_ = 0;  // BIFF2-4 number their formats in the order written
  std::vector<Xf> xfs_;
  std::vector<Rgb> palette_;
  struct Resolved {
    XlsCellStyle style;
    std::uint64_t generation = 0;  // 0: never resolved
  };
  std::vector<Resolved> styles_;  // by XF index
  std::uint64_t generation_ = 1;  // bumped by every record an XF's style depends on
  std::unordered_map<std::uint16_t, Resolved> format_styles_;
  XlsCellStyle plain_;
};

}  // namespace trackport
