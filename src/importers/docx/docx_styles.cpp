#include "importers/docx/docx_styles.hpp"

#include <algorithm>
#include <cctype>

#include "importers/docx/docx_xml.hpp"

namespace trackport::docx {

namespace {

constexpr int kMaxBasedOnDepth = 20;  // style chains are short; a cycle must not loop forever

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::optional<ListReference> list_of(const pugi::xml_node& ppr) {
  pugi::xml_node num_pr = child(ppr, "numPr");
  if (!num_pr) return std::nullopt;
  ListReference ref;
  ref.num_id = int_value(child(num_pr, "numId"), 0);
  ref.level = std::clamp(int_value(child(num_pr, "ilvl"), 0), 0, 8);
  return ref;
}

}  // namespace

std::optional<int> outline_level_from_name(std::string_view name) {
  std::string lowered = lower(name);
  if (lowered == "title") return kTitleLevel;
  constexpr std::string_view kHeading = "heading ";
  if (lowered.size() == kHeading.size() + 1 && lowered.starts_with(kHeading)) {
    char digit = lowered.back();
    if (digit >= '1' && digit <= '9') return digit - '0';
  }
  return std::nullopt;
}

Styles::Styles(const pugi::xml_node& styles_root) {
  std::string default_id;
  for (pugi::xml_node style = styles_root.first_child(); style; style = style.next_sibling()) {
    if (!is(style, "style")) continue;
    std::string id(attr_value(style, "styleId"));
    RawStyle raw;
    raw.based_on = attr_value(child(style, "basedOn"), "val");
    const std::string_view name = attr_value(child(style, "name"), "val");
    raw.own.outline_level = outline_level_from_name(name);
    raw.own.subtitle = lower(name) == "subtitle";
    pugi::xml_node ppr = child(style, "pPr");
    if (!raw.own.outline_level) {
      if (pugi::xml_node outline = child(ppr, "outlineLvl")) {
        int level = int_value(outline, 9);
        if (level >= 0 && level <= 8) raw.own.outline_level = level + 1;
      }
    }
    raw.own.list = list_of(ppr);
    if (pugi::xml_node bold = child(child(style, "rPr"), "b")) {
      raw.has_bold = true;
      raw.own.bold = is_on(bold);
    }
    std::string_view is_default = attr_value(style, "default");
    if (attr_value(style, "type") == "paragraph" && (is_default == "1" || is_default == "true") &&
        default_id.empty()) {
      default_id = id;
    }
    raw_[id] = std::move(raw);
  }
  for (const auto& [id, raw] : raw_) resolved_[id] = resolve(id, 0);
  if (auto it = resolved_.find(default_id); it != resolved_.end()) default_paragraph_ = it->second;
}

StyleFacts Styles::resolve(const std::string& id, int depth) const {
  auto it = raw_.find(id);
  if (it == raw_.end() || depth > kMaxBasedOnDepth) return {};
  const RawStyle& raw = it->second;
  StyleFacts facts =
      raw.based_on.empty() || raw.based_on == id ? StyleFacts{} : resolve(raw.based_on, depth + 1);
  // A style based on a heading is a heading too (Word inherits the outline level); a style's own
  // facts win over its parent's.
  if (raw.own.outline_level) facts.outline_level = raw.own.outline_level;
  if (raw.own.subtitle) facts.subtitle = true;
  if (raw.has_bold) facts.bold = raw.own.bold;
  if (raw.own.list) facts.list = raw.own.list;
  return facts;
}

const StyleFacts& Styles::facts(std::string_view style_id) const {
  if (auto it = resolved_.find(style_id); it != resolved_.end()) return it->second;
  return default_paragraph_;
}

}  // namespace trackport::docx
