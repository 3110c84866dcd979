#include "xlsx_reader.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace trackport::test {
namespace {

std::uint32_t little_endian(const std::string& bytes, std::size_t at, std::size_t size) {
  if (at + size > bytes.size()) throw std::runtime_error("zip: truncated record");
  std::uint32_t value = 0;
  for (std::size_t i = size; i-- > 0;) {
    value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
  }
  return value;
}

std::string inflate_raw(const std::string& compressed, std::size_t size) {
  std::string out(size, '\0');
  z_stream stream{};
  if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) throw std::runtime_error("zip: inflateInit2");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = inflate(&stream, Z_FINISH);
  inflateEnd(&stream);
  if (result != Z_STREAM_END) throw std::runtime_error("zip: bad deflate data");
  return out;
}

// Every entry of a ZIP archive, found through its central directory.
std::map<std::string, std::string> read_zip(const std::string& zip) {
  constexpr std::uint32_t kEndOfDirectory = 0x06054b50, kDirectoryEntry = 0x02014b50;
  std::size_t end = zip.size() < 22 ? std::string::npos : zip.size() - 22;
  while (end != std::string::npos && little_endian(zip, end, 4) != kEndOfDirectory) {
    end = end == 0 ? std::string::npos : end - 1;
  }
  if (end == std::string::npos) throw std::runtime_error("zip: no end of central directory");
  const std::size_t count = little_endian(zip, end + 10, 2);
  std::size_t at = little_endian(zip, end + 16, 4);
  std::map<std::string, std::string> entries;
  for (std::size_t i = 0; i < count; ++i) {
    if (little_endian(zip, at, 4) != kDirectoryEntry) throw std::runtime_error("zip: bad entry");
    const auto method = little_endian(zip, at + 10, 2);
    const std::size_t compressed = little_endian(zip, at + 20, 4);
    const std::size_t size = little_endian(zip, at + 24, 4);
    const std::size_t name_length = little_endian(zip, at + 28, 2);
    const std::size_t extra_length = little_endian(zip, at + 30, 2);
    const std::size_t comment_length = little_endian(zip, at + 32, 2);
    const std::size_t local = little_endian(zip, at + 42, 4);
    const std::string name = zip.substr(at + 46, name_length);
    const std::size_t data =
        local + 30 + little_endian(zip, local + 26, 2) + little_endian(zip, local + 28, 2);
    const std::string stored = zip.substr(data, compressed);
    if (method == 0) {
      entries[name] = stored;
    } else if (method == 8) {
      entries[name] = inflate_raw(stored, size);
    } else {
      throw std::runtime_error("zip: unsupported method in " + name);
    }
    at += 46 + name_length + extra_length + comment_length;
  }
  return entries;
}

struct XmlFree {
  void operator()(xmlDoc* document) const { xmlFreeDoc(document); }
};
using Xml = std::unique_ptr<xmlDoc, XmlFree>;

Xml parse(const std::string& text) {
  Xml document(xmlReadMemory(text.data(), static_cast<int>(text.size()), nullptr, nullptr,
                             XML_PARSE_NONET | XML_PARSE_NOBLANKS));
  if (!document) throw std::runtime_error("xml: cannot parse part");
  return document;
}

bool named(const xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE &&
         std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

std::vector<xmlNode*> children(const xmlNode* parent, const char* name) {
  std::vector<xmlNode*> found;
  if (parent == nullptr) return found;
  for (xmlNode* child = parent->children; child != nullptr; child = child->next) {
    if (named(child, name)) found.push_back(child);
  }
  return found;
}

xmlNode* child(const xmlNode* parent, const char* name) {
  auto found = children(parent, name);
  return found.empty() ? nullptr : found.front();
}

// An attribute by local name (so "r:id" is "id"), "" when absent.
std::string attribute(const xmlNode* node, const char* name) {
  if (node == nullptr) return "";
  for (xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
    if (std::strcmp(reinterpret_cast<const char*>(attr->name), name) != 0) continue;
    xmlChar* value = xmlNodeGetContent(reinterpret_cast<xmlNode*>(attr));
    std::string text = value ? reinterpret_cast<const char*>(value) : "";
    xmlFree(value);
    return text;
  }
  return "";
}

std::string content(const xmlNode* node) {
  if (node == nullptr) return "";
  xmlChar* value = xmlNodeGetContent(node);
  std::string text = value ? reinterpret_cast<const char*>(value) : "";
  xmlFree(value);
  return text;
}

std::vector<std::string> shared_strings(const std::map<std::string, std::string>& entries) {
  std::vector<std::string> strings;
  auto found = entries.find("xl/sharedStrings.xml");
  if (found == entries.end()) return strings;
  auto document = parse(found->second);
  for (auto* item : children(xmlDocGetRootElement(document.get()), "si")) {
    strings.push_back(content(item));
  }
  return strings;
}

// The fill colour of each cell style (cellXfs index).
std::vector<std::string> style_fills(const std::string& styles_xml) {
  auto document = parse(styles_xml);
  const xmlNode* root = xmlDocGetRootElement(document.get());
  std::vector<std::string> fills;
  for (auto* fill : children(child(root, "fills"), "fill")) {
    fills.push_back(attribute(child(child(fill, "patternFill"), "fgColor"), "rgb"));
  }
  std::vector<std::string> by_style;
  for (auto* xf : children(child(root, "cellXfs"), "xf")) {
    const auto id = static_cast<std::size_t>(std::stoul("0" + attribute(xf, "fillId")));
    by_style.push_back(id < fills.size() ? fills[id] : "");
  }
  return by_style;
}

}  // namespace

std::optional<std::string> SheetContent::text(const std::string& reference) const {
  auto found = cells.find(reference);
  if (found == cells.end()) return std::nullopt;
  return found->second.text;
}

std::string SheetContent::fill(const std::string& reference) const {
  auto found = cells.find(reference);
  return found == cells.end() ? "" : found->second.fill;
}

XlsxReader::XlsxReader(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  std::stringstream bytes;
  bytes << in.rdbuf();
  entries_ = read_zip(bytes.str());
}

const std::string& XlsxReader::entry(const std::string& name) const {
  auto found = entries_.find(name);
  if (found == entries_.end()) throw std::runtime_error("no entry " + name);
  return found->second;
}

std::vector<std::string> XlsxReader::sheet_names() const {
  auto document = parse(entry("xl/workbook.xml"));
  std::vector<std::string> names;
  for (auto* sheet : children(child(xmlDocGetRootElement(document.get()), "sheets"), "sheet")) {
    names.push_back(attribute(sheet, "name"));
  }
  return names;
}

SheetContent XlsxReader::sheet(const std::string& name) const {
  auto workbook = parse(entry("xl/workbook.xml"));
  std::string id;
  for (auto* sheet : children(child(xmlDocGetRootElement(workbook.get()), "sheets"), "sheet")) {
    if (attribute(sheet, "name") == name) id = attribute(sheet, "id");
  }
  if (id.empty()) throw std::runtime_error("no sheet " + name);
  auto relationships = parse(entry("xl/_rels/workbook.xml.rels"));
  std::string part;
  for (auto* relationship : children(xmlDocGetRootElement(relationships.get()), "Relationship")) {
    if (attribute(relationship, "Id") == id) part = "xl/" + attribute(relationship, "Target");
  }
  const auto strings = shared_strings(entries_);
  const auto fills = style_fills(entry("xl/styles.xml"));
  auto document = parse(entry(part));
  const xmlNode* root = xmlDocGetRootElement(document.get());

  SheetContent content_of_sheet;
  for (auto* row : children(child(root, "sheetData"), "row")) {
    for (auto* cell : children(row, "c")) {
      CellValue value;
      const std::string type = attribute(cell, "t");
      if (type == "s") {
        value.text = strings.at(std::stoul(content(child(cell, "v"))));
      } else if (type == "inlineStr") {
        value.text = content(child(cell, "is"));
      } else {
        value.text = content(child(cell, "v"));
      }
      const std::string style = attribute(cell, "s");
      if (!style.empty()) value.fill = fills.at(std::stoul(style));
      content_of_sheet.cells[attribute(cell, "r")] = value;
    }
  }
  const xmlNode* pane = child(child(child(root, "sheetViews"), "sheetView"), "pane");
  if (attribute(pane, "state") == "frozen")
    content_of_sheet.frozen_below = attribute(pane, "topLeftCell");
  content_of_sheet.autofilter = attribute(child(root, "autoFilter"), "ref");
  for (auto* column : children(child(root, "cols"), "col")) {
    if (!attribute(column, "width").empty()) ++content_of_sheet.width_count;
  }
  return content_of_sheet;
}

}  // namespace trackport::test
