#include "importers/xlsx/xlsx_workbook.hpp"

#include <cctype>
#include <exception>
#include <iterator>
#include <map>
#include <optional>
#include <thread>

#include "importers/shared/cell_text.hpp"
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

std::optional<Rgb> first_run_colour(pugi::xml_node container, const XlsxStyles& styles) {
  for (pugi::xml_node run : container.children()) {
    if (local_name(run.name()) != "r") continue;
    for (pugi::xml_node property : run.children()) {
      if (local_name(property.name()) != "rPr") continue;
      for (pugi::xml_node colour : property.children()) {
        if (local_name(colour.name()) != "color" || colour.attribute("auto").as_bool(false)) {
          continue;
        }
        if (auto rgb = styles.colour(colour)) return rgb;
      }
    }
  }
  return std::nullopt;
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

namespace {

// The strings of the <si> elements under `parent`, in order; with `styles`, also the colour of
// each string's first coloured run (by the string's index), for a "●" coloured in its text.
std::vector<std::string> strings_of_items(pugi::xml_node parent, const XlsxStyles* styles,
                                          RunColours* colours) {
  std::vector<std::string> strings;
  std::string raw;
  for (pugi::xml_node item : parent.children()) {
    if (local_name(item.name()) != "si") continue;
    raw.clear();
    append_rich_text(item, raw);
    decode_ooxml_escapes(raw);
    if (styles && colours) {
      if (auto colour = first_run_colour(item, *styles)) {
        colours->emplace_back(strings.size(), *colour);
      }
    }
    strings.push_back(clean_cell_text(raw));
  }
  return strings;
}

// Below this size a second thread costs more than it saves.
constexpr std::size_t kTwoThreadSharedStrings = std::size_t{4} << 20;

// A big part's <si> elements in two halves: from the root's content to an <si> start near the
// middle, and from there to the root's end tag.
struct SharedStringHalves {
  std::size_t begin = 0;
  std::size_t split = 0;
  std::size_t end = 0;
};

// True when an XML declaration at the start names no encoding but UTF-8: a half parsed without
// the declaration is read as UTF-8.
bool declared_utf8(std::string_view xml, std::size_t& after) {
  after = 0;
  if (!xml.starts_with("<?xml")) return true;
  const std::size_t close = xml.find("?>");
  if (close == std::string_view::npos) return false;
  after = close + 2;
  std::string declaration(xml.substr(0, close));
  for (char& c : declaration) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::size_t encoding = declaration.find("encoding");
  return encoding == std::string::npos || declaration.find("utf-8", encoding) != std::string::npos;
}

// Where a big, plain part can be cut in two; nullopt for anything unusual (a byte-order mark,
// another encoding, comments or a DOCTYPE before the root, an empty root), which is then parsed
// whole.
std::optional<SharedStringHalves> halves_of(std::string_view xml) {
  if (xml.size() < kTwoThreadSharedStrings || !xml.starts_with("<")) return std::nullopt;
  std::size_t at = 0;
  if (!declared_utf8(xml, at)) return std::nullopt;
  const std::size_t root = xml.find('<', at);
  if (root == std::string_view::npos || root + 1 >= xml.size()) return std::nullopt;
  if (xml[root + 1] == '?' || xml[root + 1] == '!') return std::nullopt;
  const std::size_t name_end = xml.find_first_of(" \t\r\n/>", root + 1);
  const std::size_t open_end = xml.find('>', root);
  if (name_end == std::string_view::npos || open_end == std::string_view::npos ||
      xml[open_end - 1] == '/') {
    return std::nullopt;
  }
  const std::string_view root_name = xml.substr(root + 1, name_end - root - 1);
  const std::size_t colon = root_name.find(':');
  const std::string item_tag =
      "<" + std::string(colon == std::string_view::npos ? "" : root_name.substr(0, colon + 1)) +
      "si";
  SharedStringHalves halves;
  halves.begin = open_end + 1;
  halves.end = xml.rfind("</" + std::string(root_name));
  if (halves.end == std::string_view::npos || halves.end < halves.begin) return std::nullopt;
  for (std::size_t split = xml.find(item_tag, halves.begin + (halves.end - halves.begin) / 2);
       split != std::string_view::npos && split < halves.end;
       split = xml.find(item_tag, split + 1)) {
    const char next = xml[split + item_tag.size()];
    if (next == '>' || next == ' ' || next == '/') {
      halves.split = split;
      return halves;
    }
  }
  return std::nullopt;
}

std::vector<std::string> parse_fragment_of_items(char* data, std::size_t size, std::size_t offset,
                                                 const XlsxStyles* styles, RunColours* colours) {
  pugi::xml_document doc;
  pugi::xml_parse_result result = doc.load_buffer_inplace(
      data, size, kTextOptions | pugi::parse_embed_pcdata | pugi::parse_fragment);
  if (!result) {
    throw InputError(std::string("malformed XML in sharedStrings: ") + result.description() +
                     " at byte " +
                     std::to_string(offset + static_cast<std::size_t>(result.offset)));
  }
  return strings_of_items(doc, styles, colours);
}

}  // namespace

// A big workbook's shared strings (hundreds of thousands, all needed before the first row) are
// parsed in two halves at once.
std::vector<std::string> parse_shared_strings(std::string& xml, const XlsxStyles* styles,
                                              RunColours* colours) {
  const auto halves = halves_of(xml);
  if (halves && !has_doctype(xml)) {
    const std::string_view first(xml.data() + halves->begin, halves->split - halves->begin);
    const std::string_view second(xml.data() + halves->split, halves->end - halves->split);
    // A comment or CDATA section may hold text that looks like an <si>: such a part is not cut.
    bool first_marked = false;
    bool second_marked = false;
    {
      std::jthread checker([&] { second_marked = second.find("<!") != std::string_view::npos; });
      first_marked = first.find("<!") != std::string_view::npos;
    }
    if (!first_marked && !second_marked) {
      std::vector<std::string> later;
      RunColours later_colours;
      std::exception_ptr later_error;
      {  // the helper is joined before `later` is read, or on the way out of an error
        std::jthread helper([&] {
          try {
            later = parse_fragment_of_items(xml.data() + halves->split, second.size(),
                                            halves->split, styles, &later_colours);
          } catch (...) {
            later_error = std::current_exception();
          }
        });
        std::vector<std::string> strings = parse_fragment_of_items(
            xml.data() + halves->begin, first.size(), halves->begin, styles, colours);
        helper.join();
        if (later_error) std::rethrow_exception(later_error);
        if (colours) {
          for (auto& [index, colour] : later_colours)
            colours->emplace_back(index + strings.size(), colour);
        }
        strings.insert(strings.end(), std::make_move_iterator(later.begin()),
                       std::make_move_iterator(later.end()));
        return strings;
      }
    }
  }
  pugi::xml_document doc;
  parse_part_in_place(doc, xml, "sharedStrings", kTextOptions | pugi::parse_embed_pcdata);
  return strings_of_items(doc.document_element(), styles, colours);
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
    if (auto xml = package.read(rel->target)) {
      out.shared_strings = parse_shared_strings(*xml, &out.styles, &out.shared_string_colours);
    }
  }
  out.title = read_title(package);
  return out;
}

}  // namespace trackport
