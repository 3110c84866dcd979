// Distinct header names for an Excel Table (see column_names.hpp for the form).
#include "exporters/workbook/column_names.hpp"

#include <charconv>
#include <optional>
#include <unordered_set>

#include "model/text.hpp"

namespace trackport::workbook {
namespace {

constexpr std::string_view kEscape = " (1)";

// "Status (2)" -> "Status"; nullopt when the name does not end in " (n)" with n >= 1.
std::optional<std::string_view> numbered_stem(std::string_view name) {
  if (name.size() < 4 || name.back() != ')') return std::nullopt;
  const auto open = name.rfind(" (");
  if (open == std::string_view::npos) return std::nullopt;
  const std::string_view digits = name.substr(open + 2, name.size() - open - 3);
  if (digits.empty() || digits.front() == '0') return std::nullopt;
  unsigned number = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (error != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  return name.substr(0, open);
}

}  // namespace

std::vector<std::string> distinct_column_names(const std::vector<std::string>& names,
                                               const std::vector<std::string_view>& fixed) {
  std::unordered_set<std::string> named;    // folded: the names read back so far, and `fixed`
  std::unordered_set<std::string> written;  // folded: every header so far, and `fixed`
  for (std::string_view name : fixed) {
    named.insert(fold_case_latin1(name));
    written.insert(fold_case_latin1(name));
  }
  std::vector<std::string> headers;
  headers.reserve(names.size());
  for (const std::string& name : names) {
    std::string folded = fold_case_latin1(name);
    std::string header;
    if (named.count(folded) > 0) {
      for (unsigned number = 2;; ++number) {
        header = name + " (" + std::to_string(number) + ")";
        if (written.count(fold_case_latin1(header)) == 0) break;
      }
    } else {
      const auto stem = numbered_stem(name);
      const bool misread = name.empty() || std::string_view(name).ends_with(kEscape) ||
                           (stem && named.count(fold_case_latin1(*stem)) > 0);
      header = misread ? name + std::string(kEscape) : name;
    }
    named.insert(std::move(folded));
    written.insert(fold_case_latin1(header));
    headers.push_back(std::move(header));
  }
  return headers;
}

std::vector<std::string> names_of_headers(const std::vector<std::string>& headers,
                                          const std::vector<std::string>& fixed) {
  std::unordered_set<std::string> named;  // folded
  for (const auto& header : fixed) named.insert(fold_case_latin1(header));
  std::vector<std::string> names;
  names.reserve(headers.size());
  for (const auto& header : headers) {
    std::string name = header;
    if (std::string_view(header).ends_with(kEscape)) {
      name = header.substr(0, header.size() - kEscape.size());
    } else if (auto stem = numbered_stem(header);
               stem && named.count(fold_case_latin1(*stem)) > 0) {
      name = std::string(*stem);
    }
    named.insert(fold_case_latin1(name));
    names.push_back(std::move(name));
  }
  return names;
}

}  // namespace trackport::workbook
