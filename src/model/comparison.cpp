#include "model/comparison.hpp"

#include <algorithm>
#include <array>

namespace trackport {
namespace {

constexpr std::array<std::string_view, kChangeKindCount> kChangeKindNames = {
    "status", "new", "dropped", "lead", "due", "text", "measure", "assessment", "progress"};

}  // namespace

std::string_view change_kind_name(ChangeKind kind) {
  return kChangeKindNames[static_cast<std::size_t>(kind)];
}

std::string_view match_method_name(MatchMethod method) {
  switch (method) {
    case MatchMethod::ref_and_text:
      return "ref+text";
    case MatchMethod::text:
      return "text";
    case MatchMethod::ref:
      return "ref";
  }
  return "";
}

std::size_t Comparison::count(ChangeKind kind) const {
  return static_cast<std::size_t>(std::count_if(
      changes.begin(), changes.end(), [&](const Change& change) { return change.kind == kind; }));
}

std::vector<const Change*> Comparison::of_kind(ChangeKind kind) const {
  std::vector<const Change*> found;
  for (const auto& change : changes) {
    if (change.kind == kind) found.push_back(&change);
  }
  return found;
}

std::string location_label(const Location& location) {
  std::string label;
  auto add = [&](std::string_view separator, const std::string& part) {
    if (part.empty()) return;
    if (!label.empty()) label += separator;
    label += part;
  };
  add("!", location.sheet);
  add("!", location.cells);
  if (location.table > 0) add(" ", "table " + std::to_string(location.table));
  if (location.row > 0) add(" ", "row " + std::to_string(location.row));
  if (!location.page.empty()) add(" ", "p. " + location.page);
  return label;
}

}  // namespace trackport
