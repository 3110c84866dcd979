// Office Open XML packages (xlsx, docx): content types and relationships, resolved through
// _rels parts rather than by guessing part names. Shared by the xlsx and docx importers.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "io/zip.hpp"

namespace trackport {

struct Relationship {
  std::string id;
  std::string type;  // full type URI; compare with ends_with("/officeDocument") etc.
  std::string
      target;  // resolved to a package path without a leading '/', e.g. "xl/worksheets/sheet1.xml"
  bool external = false;
};

class OoxmlPackage {
 public:
  // Throws InputError when the ZIP is bad or has no [Content_Types].xml.
  explicit OoxmlPackage(std::string_view bytes, ZipLimits limits = {});

  // The content type of a part, from [Content_Types].xml (Override, else Default by extension).
  std::string content_type(std::string_view part) const;
  // The main document part ("xl/workbook.xml", "word/document.xml"), from _rels/.rels.
  std::optional<std::string> main_part() const;
  // The relationships of a part (from its _rels/<name>.rels), targets resolved.
  std::vector<Relationship> relationships(std::string_view part);
  // A part's bytes; nullopt when absent. Parts are XML; parse them with pugixml in place.
  std::optional<std::string> read(std::string_view part);
  ZipArchive& zip() { return zip_; }

 private:
  ZipArchive zip_;
  std::map<std::string, std::string, std::less<>> overrides_;
  std::map<std::string, std::string, std::less<>> defaults_;
  std::optional<std::string> main_part_;
};

// Parse options for OOXML parts: no DOCTYPE processing (pugixml never expands external entities;
// a part with a DOCTYPE is rejected by the caller as a possible billion-laughs attack).
bool has_doctype(std::string_view xml);

// Parses an XML part in place with pugixml: `xml` is modified and must outlive `doc`. Throws
// InputError naming the part when it has a DOCTYPE or is not well-formed.
void parse_part_in_place(pugi::xml_document& doc, std::string& xml, std::string_view part,
                         unsigned options = pugi::parse_default);

// The local name of an element or attribute ("x:row" -> "row"): some producers write OOXML with
// namespace prefixes on every element.
std::string_view local_name(const char* qualified);

// The part path of a relationships part: "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels",
// "" (the package) -> "_rels/.rels".
std::string rels_part_for(std::string_view part);

// Resolves a relationship target against the part that holds the relationship: relative targets,
// "../" segments, absolute "/xl/..." targets, percent-escapes. The result has no leading '/'.
std::string resolve_target(std::string_view source_part, std::string_view target);

}  // namespace trackport
