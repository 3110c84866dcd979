#include "importers/xls/xls_styles.hpp"

#include "grid/excel_palette.hpp"

namespace trackport {

namespace {

constexpr std::uint16_t kAutomaticColour = 0x7FFF;
constexpr std::uint8_t kSolidPattern = 1;
constexpr std::size_t kMaxXfs = 65536;
constexpr std::size_t kMaxFonts = 65536;

}  // namespace

void XlsStyles::add_font(std::string_view data) {
  if (font_colours_.size() >= kMaxFonts) return;
  // BIFF2's FONT has no colour (a FONTCOLOR record follows); BIFF3-8 keep it at offset 4.
  font_colours_.push_back(version_ <= 2 ? kAutomaticColour : biff::u16(data, 4));
  ++generation_;
}

void XlsStyles::set_last_font_colour(std::uint16_t colour) {
  if (!font_colours_.empty()) font_colours_.back() = colour;
  ++generation_;
}

void XlsStyles::add_format(std::string_view data, const biff::CodePage& code_page) {
  std::uint16_t index = 0;
  std::size_t at = 0;
  if (version_ >= 5) {
    index = biff::u16(data, 0);
    at = 2;
  } else {
    // BIFF2-4 number their formats in the order they are written; BIFF4 has two bytes first.
    index = formats_in_order_++;
    at = version_ == 4 ? 2 : 0;
  }
  if (at >= data.size()) return;
  std::size_t length = static_cast<unsigned char>(data[at]);
  formats_[index] = code_page.to_utf8(data.substr(at + 1, length));
  ++generation_;
}

void XlsStyles::add_format8(biff::BiffData& data) {
  std::uint16_t index = data.u16();
  std::uint16_t count = data.u16();
  std::string code = data.unicode_string(count);
  if (!data.failed()) formats_[index] = std::move(code);
  ++generation_;
}

void XlsStyles::add_xf(std::string_view data) {
  if (xfs_.size() >= kMaxXfs) return;
  Xf xf;
  if (version_ >= 8) {
    xf.font = biff::u16(data, 0);
    xf.format = biff::u16(data, 2);
    xf.pattern = static_cast<std::uint8_t>((biff::u32(data, 14) >> 26) & 0x3F);
    std::uint16_t colours = biff::u16(data, 18);
    xf.fore = colours & 0x7F;
    xf.back = (colours >> 7) & 0x7F;
  } else if (version_ >= 5) {
    xf.font = biff::u16(data, 0);
    xf.format = biff::u16(data, 2);
    std::uint32_t area = biff::u32(data, 8);
    xf.fore = area & 0x7F;
    xf.back = (area >> 7) & 0x7F;
    xf.pattern = static_cast<std::uint8_t>((area >> 16) & 0x3F);
  } else if (version_ >= 3) {
    xf.font = data.size() > 0 ? static_cast<unsigned char>(data[0]) : 0;
    xf.format = data.size() > 1 ? static_cast<unsigned char>(data[1]) : 0;
    std::uint16_t area = biff::u16(data, 6);
    xf.pattern = area & 0x3F;
    xf.fore = (area >> 6) & 0x1F;
    xf.back = (area >> 11) & 0x1F;
  } else {
    xf.font = data.size() > 0 ? static_cast<unsigned char>(data[0]) : 0;
    xf.format = data.size() > 2 ? static_cast<unsigned char>(data[2]) & 0x3F : 0;
  }
  xfs_.push_back(xf);
}

void XlsStyles::set_palette(std::string_view data) {
  std::uint16_t count = biff::u16(data, 0);
  palette_.clear();
  for (std::uint16_t i = 0; i < count && 2 + 4 * std::size_t{i} + 3 <= data.size(); ++i) {
    std::size_t at = 2 + 4 * std::size_t{i};
    palette_.push_back(Rgb{static_cast<std::uint8_t>(data[at]),
                           static_cast<std::uint8_t>(data[at + 1]),
                           static_cast<std::uint8_t>(data[at + 2])});
  }
  ++generation_;
}

std::optional<Rgb> XlsStyles::colour(std::uint16_t index) const {
  // BIFF2-4 index 5-bit colours: 0-7 fixed, then the palette; 24 and up are the system's.
  std::uint16_t system = version_ <= 4 ? 24 : 64;
  if (index >= system) return std::nullopt;
  if (index >= 8 && static_cast<std::size_t>(index - 8) < palette_.size()) {
    return palette_[static_cast<std::size_t>(index - 8)];
  }
  return rgb_of(kExcelIndexedPalette[index]);
}

std::optional<Rgb> XlsStyles::font_colour(std::size_t index) const {
  // There is no font 4: the fourth FONT record is font 5 ([MS-XLS] 2.5.129).
  if (index >= 4) --index;
  if (index >= font_colours_.size()) return std::nullopt;
  std::uint16_t value = font_colours_[index];
  if (value == kAutomaticColour) return std::nullopt;
  return colour(value);
}

std::string XlsStyles::format_code(std::uint16_t format) const {
  // The short date and date-time are spelled in the writer's locale: shown as every reader's.
  if (version_ >= 5 && is_locale_date_format(format)) {
    return std::string(builtin_number_format(format));
  }
  if (auto it = formats_.find(format); it != formats_.end()) return it->second;
  // BIFF5 and BIFF8 leave the built-in formats out; BIFF2-4 list every one they use.
  return version_ >= 5 ? std::string(builtin_number_format(format)) : std::string();
}

XlsCellStyle XlsStyles::make_style(std::uint16_t format, std::optional<Rgb> fill,
                                   std::optional<Rgb> font) const {
  XlsCellStyle style;
  style.fill = fill;
  style.font = font;
  style.number_format = format_code(format);
  // BIFF2-4 numbers are the order formats were written in, not Excel's built-in ids.
  if (is_date_format(version_ >= 5 ? format : -1, style.number_format)) {
    std::string code = style.number_format;
    if (code.empty()) code = std::string(builtin_number_format(format));
    style.date_format.emplace(code);
  }
  return style;
}

const XlsCellStyle& XlsStyles::style(std::size_t index) {
  if (index >= xfs_.size()) return plain_;
  if (styles_.size() < xfs_.size()) styles_.resize(xfs_.size());
  Resolved& resolved = styles_[index];
  if (resolved.generation != generation_) {
    const Xf& xf = xfs_[index];
    std::optional<Rgb> fill;
    if (xf.pattern == kSolidPattern) fill = colour(xf.fore);
    resolved.style = make_style(xf.format, fill, font_colour(xf.font));
    resolved.generation = generation_;
  }
  return resolved.style;
}

const XlsCellStyle& XlsStyles::format_style(std::size_t format_index) {
  Resolved& resolved = format_styles_[static_cast<std::uint16_t>(format_index)];
  if (resolved.generation != generation_) {
    resolved.style =
        make_style(static_cast<std::uint16_t>(format_index), std::nullopt, std::nullopt);
    resolved.generation = generation_;
  }
  return resolved.style;
}

}  // namespace trackport
