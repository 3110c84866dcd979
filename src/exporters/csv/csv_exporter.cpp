// Items as CSV.
#include "exporters/csv/csv_exporter.hpp"

#include <unordered_map>

#include "exporters/item_table.hpp"

namespace trackport {
namespace {

// Excel reads a CSV file without a byte-order mark in the system code page, which garbles every
// "•", "–" and "£" in these documents; with the BOM it reads UTF-8.
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kLineEnd = "\r\n";  // RFC 4180
constexpr std::string_view kExtraPrefix = "extra: ";

// Distinct extra headers in first-seen order, each with its column position after the others.
struct ExtraColumns {
  std::vector<std::string> headers;
  std::unordered_map<std::string, std::size_t> index;
};

ExtraColumns extra_columns(const std::vector<Document>& documents) {
  ExtraColumns columns;
  for (const auto& document : documents) {
    for (const auto& item : document.items) {
      for (const auto& field : item.extra) {
        if (columns.index.emplace(field.first, columns.headers.size()).second) {
          columns.headers.push_back(field.first);
        }
      }
    }
  }
  return columns;
}

void write_row(const std::vector<std::string>& fields, std::ostream& out) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    out << csv_field(fields[i]);
  }
  out << kLineEnd;
}

std::vector<std::string> header_row(const std::vector<std::string>& assessment_headers,
                                    const ExtraColumns& extra) {
  std::vector<std::string> row;
  for (const auto& column : item_table::fixed_columns()) row.emplace_back(column.header);
  row.insert(row.end(), assessment_headers.begin(), assessment_headers.end());
  row.emplace_back(item_table::kLocationHeader);
  for (const auto& header : extra.headers) row.push_back(std::string(kExtraPrefix) + header);
  return row;
}

std::vector<std::string> item_row(const Document& document, const Item& item,
                                  const std::vector<std::string>& assessment_headers,
                                  const ExtraColumns& extra) {
  std::vector<std::string> row;
  for (const auto& column : item_table::fixed_columns()) row.push_back(column.text(document, item));
  for (const auto& by : assessment_headers) row.push_back(item_table::assessment_label(item, by));
  row.push_back(item_table::location_label(item.source));
  const std::size_t first_extra = row.size();
  row.resize(first_extra + extra.headers.size());
  for (const auto& [header, value] : item.extra) {
    std::string& cell = row[first_extra + extra.index.at(header)];
    // A header repeated within one row keeps both values, one a line.
    if (!cell.empty()) cell += '\n';
    cell += value;
  }
  return row;
}

}  // namespace

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

void write_items_csv(const std::vector<Document>& documents, std::ostream& out) {
  const std::vector<std::string> assessment_headers = item_table::assessment_headers(documents);
  const ExtraColumns extra = extra_columns(documents);
  out << kUtf8Bom;
  write_row(header_row(assessment_headers, extra), out);
  for (const auto& document : documents) {
    for (const auto& item : document.items) {
      write_row(item_row(document, item, assessment_headers, extra), out);
    }
  }
}

}  // namespace trackport
