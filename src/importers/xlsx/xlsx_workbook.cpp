#include "importers/xlsx/xlsx_workbook.hpp"

#include <map>

#include "io/input.hpp"
#include "model/text.hpp"

namespace trackport {

namespace {

constexpr unsigned kTextOptions =
    pugi::parse_escapes | pugi::parse_eol | pugi::parse_ws_pcdata_single | pugi::parse_cdata;

bool is_spreadsheet_type(std::string_view content_type) {
  return content_type.find("spreadsheetml") != std::string_view::npos ||
         content_type.find("ms-excel") != std::string_view::npos;
}

const Relationship* find_by_type(const std::vector<Relationship>& rels, std::string_view suffix) {
  for (const auto& rel : rels) {
    if (!rel.external && rel.type.ends_with(suffix)) return &rel;
  }
  return nullptr;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, unsigned code) {
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (code >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

std::string read_title(OoxmlPackage& package) {
  auto package_rels = package.relationships("");
  const Relationship* core = find_by_type(package_rels, "/core-properties");
  if (!core) return {};
  auto xml = package.read(core->target);
  if (!xml) return {};
  pugi::xml_document doc;
  parse_part_in_place(doc, *xml, core->target, kTextOptions);
  for (pugi::xml_node node : doc.document_element().children()) {
    if (local_name(node.name()) == "title") return collapse_whitespace(node.child_value());
  }
  return {};
}

void read_sheet_list(pugi::xml_node workbook, const std::vector<Relationship>& rels,
                     XlsxWorkbook& out) {
  std::map<std::string, const Relationship*, std::less<>> by_id;
  for (const auto& rel : rels) by_id[rel.id] = &rel;
  for (pugi::xml_node node : workbook.children()) {
    std::string_view name = local_name(node.name());
    if (name == "workbookPr") {
      std::string_view value = node.attribute("date1904").value();
      out.date1904 = value == "1" || value == "true";
    }
    if (name != "sheets") continue;
    for (pugi::xml_node sheet : node.children()) {
      if (local_name(sheet.name()) != "sheet") continue;
      XlsxSheetEntry entry;
      entry.name = sheet.attribute("name").value();
      entry.state = sheet.attribute("state").empty() ? "visible" : sheet.attribute("state").value();
      // The relationship id attribute is r:id whatever the prefix of the relationships namespace.
      for (pugi::xml_attribute attribute : sheet.attributes()) {
        if (local_name(attribute.name()) != "id") continue;
        auto rel = by_id.find(std::string_view(attribute.value()));
        if (rel != by_id.end() && !rel->second->external) {
          entry.part = rel->second->target;
          entry.is_worksheet = rel->second->type.ends_with("/worksheet");
        }
      }
      out.sheets.push_back(std::move(entry));
    }
  }
}

}  // namespace

void decode_ooxml_escapes(std::string& text) {
  std::size_t at = text.find("_x");
  if (at == std::string::npos) return;
  std::string out(text, 0, at);
  while (at < text.size()) {
    bool escape =
        at + 7 <= text.size() && text[at] == '_' && text[at + 1] == 'x' && text[at + 6] == '_';
    unsigned code = 0;
    for (std::size_t i = 2; escape && i < 6; ++i) {
      int digit = hex_digit(text[at + i]);
      if (digit < 0) escape = false;
      code = code * 16 + static_cast<unsigned>(digit);
    }
    if (escape) {
      append_utf8(out, code);
      at += 7;
    } else {
      out.push_back(text[at++]);
    }
  }
  text = std::move(out);
}

void append_rich_text(pugi::xml_node container, std::string& out) {
  for (pugi::xml_node part : container.children()) {
    std::string_view kind = local_name(part.name());
    if (kind == "t") {
      out += part.child_value();
    } else if (kind == "r") {
      for (pugi::xml_node run_part : part.children()) {
        if (local_name(run_part.name()) == "t") out += run_part.child_value();
      }
    }
    // rPh (phonetic guides) and phoneticPr are not part of the displayed text.
  }
}

std::vector<std::string> parse_shared_strings(std::string& xml) {
  pugi::xml_document doc;
  parse_part_in_place(doc, xml, "sharedStrings", kTextOptions | pugi::parse_embed_pcdata);
  std::vector<std::string> strings;
  std::string raw;
  for (pugi::xml_node item : doc.document_element().children()) {
    if (local_name(item.name()) != "si") continue;
    raw.clear();
    append_rich_text(item, raw);
    decode_ooxml_escapes(raw);
    strings.push_back(clean_cell_text(raw));
  }
  return strings;
}

XlsxWorkbook read_workbook(OoxmlPackage& package) {
  auto main = package.main_part();
  if (!main) throw InputError("no workbook in the package (the _rels/.rels has no main part)");
  if (!is_spreadsheet_type(package.content_type(*main))) {
    throw InputError("not a spreadsheet: the package's main part is " + *main);
  }
  auto workbook_xml = package.read(*main);
  if (!workbook_xml) throw InputError("the workbook part " + *main + " is missing");
  pugi::xml_document workbook;
  parse_part_in_place(workbook, *workbook_xml, *main);
  auto rels = package.relationships(*main);

  XlsxWorkbook out;
  read_sheet_list(workbook.document_element(), rels, out);

  std::vector<Rgb> theme;
  if (const Relationship* rel = find_by_type(rels, "/theme")) {
    if (auto xml = package.read(rel->target)) theme = parse_theme_colours(*xml);
  }
  if (const Relationship* rel = find_by_type(rels, "/styles")) {
    if (auto xml = package.read(rel->target)) out.styles = parse_styles(*xml, theme);
  }
  if (const Relationship* rel = find_by_type(rels, "/sharedStrings")) {
    if (auto xml = package.read(rel->target)) out.shared_strings = parse_shared_strings(*xml);
  }
  out.title = read_title(package);
  return out;
}

}  // namespace trackport
