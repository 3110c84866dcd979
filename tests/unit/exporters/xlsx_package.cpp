#include "xlsx_package.hpp"

#include <zip.h>

#include <memory>
#include <stdexcept>

namespace trackport::test {
namespace {

struct ZipCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};

std::string read_entry(zip_t* archive, zip_uint64_t index) {
  zip_stat_t stat;
  if (zip_stat_index(archive, index, 0, &stat) != 0) throw std::runtime_error("zip_stat failed");
  zip_file_t* file = zip_fopen_index(archive, index, 0);
  if (file == nullptr) throw std::runtime_error("zip_fopen failed");
  std::string bytes(stat.size, '\0');
  const zip_int64_t read = zip_fread(file, bytes.data(), stat.size);
  zip_fclose(file);
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
    throw std::runtime_error("zip_fread failed");
  }
  return bytes;
}

}  // namespace

XlsxPackage::XlsxPackage(const std::filesystem::path& path) {
  int error = 0;
  std::unique_ptr<zip_t, ZipCloser> archive(zip_open(path.c_str(), ZIP_RDONLY, &error));
  if (!archive) throw std::runtime_error("cannot open " + path.string() + " as a zip");
  const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    entries_[zip_get_name(archive.get(), index, 0)] = read_entry(archive.get(), index);
  }
}

std::string XlsxPackage::entry(const std::string& name) const {
  auto found = entries_.find(name);
  if (found == entries_.end()) throw std::runtime_error("no entry " + name);
  return found->second;
}

pugi::xml_document XlsxPackage::xml(const std::string& name) const {
  pugi::xml_document document;
  const std::string text = entry(name);
  const auto result = document.load_buffer(text.data(), text.size());
  if (!result) throw std::runtime_error(name + ": " + result.description());
  return document;
}

std::vector<std::string> XlsxPackage::sheet_names() const {
  std::vector<std::string> names;
  const auto workbook = xml("xl/workbook.xml");
  for (auto sheet : workbook.child("workbook").child("sheets").children("sheet")) {
    names.emplace_back(sheet.attribute("name").value());
  }
  return names;
}

std::string XlsxPackage::sheet_part(const std::string& sheet_name) const {
  const auto workbook = xml("xl/workbook.xml");
  const auto sheet = workbook.child("workbook")
                         .child("sheets")
                         .find_child_by_attribute("sheet", "name", sheet_name.c_str());
  if (!sheet) throw std::runtime_error("no sheet " + sheet_name);
  const std::string id = sheet.attribute("r:id").value();
  const auto relationships = xml("xl/_rels/workbook.xml.rels");
  const auto relationship = relationships.child("Relationships")
                                .find_child_by_attribute("Relationship", "Id", id.c_str());
  const std::string target = relationship.attribute("Target").value();
  // Targets are relative to xl/ unless absolute within the package.
  return target.rfind('/', 0) == 0 ? target.substr(1) : "xl/" + target;
}

pugi::xml_document XlsxPackage::sheet(const std::string& sheet_name) const {
  return xml(sheet_part(sheet_name));
}

std::vector<std::string> XlsxPackage::sheet_relationship_targets(const std::string& sheet_name,
                                                                 const std::string& type) const {
  const std::string part = sheet_part(sheet_name);
  const auto slash = part.rfind('/');
  const std::string folder = part.substr(0, slash);
  const std::string rels = folder + "/_rels/" + part.substr(slash + 1) + ".rels";
  std::vector<std::string> targets;
  if (entries_.count(rels) == 0) return targets;
  const auto relationships = xml(rels);
  for (auto relationship : relationships.child("Relationships").children("Relationship")) {
    const std::string kind = relationship.attribute("Type").value();
    if (!kind.ends_with("/" + type)) continue;
    std::string target = relationship.attribute("Target").value();
    // "../tables/table1.xml", relative to the sheet's folder.
    std::string base = folder;
    while (target.rfind("../", 0) == 0) {
      target.erase(0, 3);
      base = base.substr(0, base.rfind('/'));
    }
    targets.push_back(base + "/" + target);
  }
  return targets;
}

std::optional<pugi::xml_document> XlsxPackage::table(const std::string& sheet_name) const {
  const auto targets = sheet_relationship_targets(sheet_name, "table");
  if (targets.empty()) return std::nullopt;
  auto document = xml(targets.front());
  return document;
}

pugi::xml_node cell(const pugi::xml_document& sheet, const std::string& reference) {
  for (auto row : sheet.child("worksheet").child("sheetData").children("row")) {
    if (auto found = row.find_child_by_attribute("c", "r", reference.c_str())) return found;
  }
  return {};
}

std::optional<std::string> cell_text(const XlsxPackage& package, const pugi::xml_document& sheet,
                                     const std::string& reference) {
  const auto found = cell(sheet, reference);
  if (!found) return std::nullopt;
  const std::string type = found.attribute("t").value();
  if (type == "inlineStr") return std::string(found.child("is").child("t").text().get());
  if (type == "s") {
    const auto strings = package.xml("xl/sharedStrings.xml");
    int index = found.child("v").text().as_int();
    for (auto item : strings.child("sst").children("si")) {
      if (index-- == 0) return std::string(item.child("t").text().get());
    }
    throw std::runtime_error("shared string out of range in " + reference);
  }
  return std::string(found.child("v").text().get());
}

std::string number_format(const XlsxPackage& package, const pugi::xml_node& cell) {
  const auto styles_document = package.xml("xl/styles.xml");
  const auto styles = styles_document.child("styleSheet");
  int style = cell.attribute("s").as_int();
  pugi::xml_node format;
  for (auto xf : styles.child("cellXfs").children("xf")) {
    if (style-- == 0) format = xf;
  }
  const std::string id = format.attribute("numFmtId").value();
  const auto custom =
      styles.child("numFmts").find_child_by_attribute("numFmt", "numFmtId", id.c_str());
  return custom ? custom.attribute("formatCode").value() : "";
}

}  // namespace trackport::test
