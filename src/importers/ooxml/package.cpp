#include "importers/ooxml/package.hpp"

#include <algorithm>
#include <cstring>

#include "io/input.hpp"

namespace trackport {

namespace {

std::string lower_case(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

// Part names in [Content_Types].xml start with '/' and compare case-insensitively.
std::string part_key(std::string_view part) {
  while (!part.empty() && part.front() == '/') part.remove_prefix(1);
  return lower_case(part);
}

std::string_view directory_of(std::string_view part) {
  auto slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : part.substr(0, slash + 1);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int high = hex_value(text[i + 1]);
      int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

// Joins path segments, dropping "." and resolving ".." (never above the package root).
std::string normalise_path(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  std::string out;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i) out.push_back('/');
    out.append(segments[i]);
  }
  return out;
}

std::string_view skip_prolog_item(std::string_view xml) {
  auto skip_to = [&](std::string_view end) {
    auto at = xml.find(end);
    return at == std::string_view::npos ? std::string_view{} : xml.substr(at + end.size());
  };
  if (xml.starts_with("<?")) return skip_to("?>");
  if (xml.starts_with("<!--")) return skip_to("-->");
  return xml;
}

bool is_utf16(std::string_view xml) {
  if (xml.size() < 2) return false;
  auto b0 = static_cast<unsigned char>(xml[0]);
  auto b1 = static_cast<unsigned char>(xml[1]);
  return (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF) || b0 == 0 || b1 == 0;
}

}  // namespace

std::string_view local_name(const char* qualified) {
  std::string_view name(qualified ? qualified : "");
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string rels_part_for(std::string_view part) {
  std::string_view dir = directory_of(part);
  std::string_view file = part.substr(dir.size());
  std::string rels(dir);
  rels += "_rels/";
  rels += file;
  rels += ".rels";
  return rels;
}

std::string resolve_target(std::string_view source_part, std::string_view target) {
  std::string decoded = percent_decode(target);
  if (!decoded.empty() && decoded.front() == '/') return normalise_path(decoded);
  std::string joined(directory_of(source_part));
  joined += decoded;
  return normalise_path(joined);
}

bool has_doctype(std::string_view xml) {
  if (is_utf16(xml)) {
    // Rare for OOXML; look for the keyword in either byte order anywhere in the part.
    static constexpr char kLe[] = "D\0O\0C\0T\0Y\0P\0E";
    static constexpr char kBe[] = "\0D\0O\0C\0T\0Y\0P\0E";
    return xml.find(std::string_view(kLe, sizeof kLe - 1)) != std::string_view::npos ||
           xml.find(std::string_view(kBe, sizeof kBe - 1)) != std::string_view::npos;
  }
  if (xml.starts_with("\xEF\xBB\xBF")) xml.remove_prefix(3);
  // A DOCTYPE can only appear in the prolog, before the root element.
  for (;;) {
    auto first = xml.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return false;
    xml.remove_prefix(first);
    if (xml.starts_with("<!DOCTYPE")) return true;
    std::string_view rest = skip_prolog_item(xml);
    if (rest.size() == xml.size()) return false;  // the root element (or junk) comes next
    xml = rest;
  }
}

void parse_part_in_place(pugi::xml_document& doc, std::string& xml, std::string_view part,
                         unsigned options) {
  if (has_doctype(xml)) {
    throw InputError("part " + std::string(part) +
                     " has a DOCTYPE declaration (refused: possible entity-expansion attack)");
  }
  pugi::xml_parse_result result =
      doc.load_buffer_inplace(xml.data(), xml.size(), options & ~unsigned{pugi::parse_doctype});
  if (!result) {
    throw InputError("malformed XML in " + std::string(part) + ": " + result.description() +
                     " at byte " + std::to_string(result.offset));
  }
}

OoxmlPackage::OoxmlPackage(std::string_view bytes, ZipLimits limits) : zip_(bytes, limits) {
  auto types = zip_.read("[Content_Types].xml");
  if (!types) throw InputError("not an Office Open XML package (no [Content_Types].xml)");
  pugi::xml_document doc;
  parse_part_in_place(doc, *types, "[Content_Types].xml");
  for (pugi::xml_node node : doc.document_element().children()) {
    std::string_view kind = local_name(node.name());
    std::string type = node.attribute("ContentType").value();
    if (kind == "Override") {
      overrides_[part_key(node.attribute("PartName").value())] = std::move(type);
    } else if (kind == "Default") {
      defaults_[lower_case(node.attribute("Extension").value())] = std::move(type);
    }
  }
  for (const Relationship& rel : relationships("")) {
    if (!rel.external && rel.type.ends_with("/officeDocument")) {
      main_part_ = rel.target;
      break;
    }
  }
}

std::string OoxmlPackage::content_type(std::string_view part) const {
  if (auto it = overrides_.find(part_key(part)); it != overrides_.end()) return it->second;
  auto dot = part.rfind('.');
  if (dot != std::string_view::npos && part.find('/', dot) == std::string_view::npos) {
    if (auto it = defaults_.find(lower_case(part.substr(dot + 1))); it != defaults_.end()) {
      return it->second;
    }
  }
  return {};
}

std::optional<std::string> OoxmlPackage::main_part() const {
  return main_part_;
}

std::vector<Relationship> OoxmlPackage::relationships(std::string_view part) {
  std::vector<Relationship> rels;
  std::string rels_name = rels_part_for(part);
  auto xml = zip_.read(rels_name);
  if (!xml) return rels;
  pugi::xml_document doc;
  parse_part_in_place(doc, *xml, rels_name);
  for (pugi::xml_node node : doc.document_element().children()) {
    if (local_name(node.name()) != "Relationship") continue;
    Relationship rel;
    rel.id = node.attribute("Id").value();
    rel.type = node.attribute("Type").value();
    rel.external = std::string_view(node.attribute("TargetMode").value()) == "External";
    std::string_view target = node.attribute("Target").value();
    rel.target = rel.external ? std::string(target) : resolve_target(part, target);
    rels.push_back(std::move(rel));
  }
  return rels;
}

std::optional<std::string> OoxmlPackage::read(std::string_view part) {
  while (!part.empty() && part.front() == '/') part.remove_prefix(1);
  return zip_.read(part);
}

}  // namespace trackport
