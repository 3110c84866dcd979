// Test helper: reads back an .xlsx file independently of libxlsxwriter, with zlib (the ZIP
// container, parsed here) and libxml2 (the parts): the libraries this test links already.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace trackport::test {

struct CellValue {
  std::string text;  // the shared or inline string, or the number as written
  std::string fill;  // the fill's foreground colour as written ("FFFF0000"), "" for none
};

struct SheetContent {
  std::map<std::string, CellValue> cells;  // by reference, "B2"
  std::string frozen_below;                // the pane's topLeftCell when frozen, e.g. "A2"
  std::string autofilter;                  // the autoFilter's ref, e.g. "A1:H5"
  std::size_t width_count = 0;             // <col> elements with a width

  std::optional<std::string> text(const std::string& reference) const;
  std::string fill(const std::string& reference) const;
};

class XlsxReader {
 public:
  explicit XlsxReader(const std::filesystem::path& path);

  std::vector<std::string> sheet_names() const;
  SheetContent sheet(const std::string& name) const;
  const std::string& entry(const std::string& name) const;

 private:
  std::map<std::string, std::string> entries_;
};

}  // namespace trackport::test
