// Test helper: reads back an .xlsx file (libzip + pugixml) to check what the workbook exporter
// wrote, independently of libxlsxwriter.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <vector>

namespace trackport::test {

class XlsxPackage {
 public:
  explicit XlsxPackage(const std::filesystem::path& path);

  std::string entry(const std::string& name) const;
  pugi::xml_document xml(const std::string& name) const;

  // Sheet names in workbook order.
  std::vector<std::string> sheet_names() const;
  // The worksheet part of a sheet, e.g. "xl/worksheets/sheet1.xml".
  std::string sheet_part(const std::string& sheet_name) const;
  pugi::xml_document sheet(const std::string& sheet_name) const;
  // The parts a sheet's relationships of a type ("table", "drawing") point to.
  std::vector<std::string> sheet_relationship_targets(const std::string& sheet_name,
                                                      const std::string& type) const;
  // The sheet's (first) Excel Table part, nullopt when it has none.
  std::optional<pugi::xml_document> table(const std::string& sheet_name) const;

 private:
  std::map<std::string, std::string> entries_;
};

// A cell's <c> element by reference ("M2"); empty when the cell is not written.
pugi::xml_node cell(const pugi::xml_document& sheet, const std::string& reference);
// A cell's text: its inline or shared string, or its <v> as written; nullopt when absent.
std::optional<std::string> cell_text(const XlsxPackage& package, const pugi::xml_document& sheet,
                                     const std::string& reference);
// The number format code of a cell's style ("yyyy-mm-dd"), "" for none or a built-in one.
std::string number_format(const XlsxPackage& package, const pugi::xml_node& cell);

}  // namespace trackport::test
