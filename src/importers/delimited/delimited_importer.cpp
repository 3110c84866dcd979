#include "importers/delimited/delimited_importer.hpp"

#include <algorithm>

#include "importers/shared/cell_text.hpp"
#include "io/text_encoding.hpp"
#include "model/text.hpp"

namespace trackport {

namespace {

using Record = std::vector<std::string>;

// Lines longer than this are paragraphs of prose, not headings.
constexpr std::size_t kMaxHeadingLength = 200;
// Headings kept before a table (the nearest ones).
constexpr std::size_t kMaxHeadings = 8;

bool is_blank(const Record& record) {
  return std::all_of(record.begin(), record.end(), [](const std::string& field) {
    return field.find_first_not_of(" \t\r\n\xC2\xA0") == std::string::npos;
  });
}

std::size_t filled_fields(const Record& record) {
  return static_cast<std::size_t>(std::count_if(record.begin(), record.end(), [](const auto& f) {
    return f.find_first_not_of(" \t") != std::string::npos;
  }));
}

bool looks_binary(std::string_view bytes) {
  auto head = bytes.substr(0, 8192);
  if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) return false;  // UTF-16
  std::size_t controls = 0;
  for (unsigned char c : head) {
    if (c == 0) return true;
    if (c < 0x09 || (c > 0x0D && c < 0x20)) ++controls;
  }
  return controls * 20 > head.size();
}

// .tsv, .tab and .txt are tab-separated (the text exports of Word and Excel); a .csv may use
// commas, semicolons (European Excel) or tabs, so its delimiter is sniffed.
char delimiter_for(std::string_view extension, std::string_view text) {
  if (extension == "tsv" || extension == "tab" || extension == "txt") return '\t';
  return sniff_delimiter(text);
}

class DelimitedImporter final : public Importer {
 public:
  std::string_view name() const override { return "csv"; }

  std::string_view format_of(const InputFile& input) const override {
    auto extension = extension_of(input.path);
    if (extension == "tsv" || extension == "tab") return "tsv";
    if (extension == "txt") return "txt";
    return "csv";
  }

  Match identify(const InputFile& input) const override {
    auto extension = extension_of(input.path);
    // Text with no name to go by (standard input, a file without an extension) is read as
    // delimited text unless another importer knows its content (HTML does).
    bool known = extension == "csv" || extension == "tsv" || extension == "tab" ||
                 extension == "txt" || extension.empty();
    if (!known || looks_binary(input.bytes)) return Match::no;
    return Match::extension;
  }

  SourceDocument read(const InputFile& input, const ImportOptions& options) const override {
    if (input.bytes.empty()) throw InputError("empty file");
    if (looks_binary(input.bytes)) {
      throw InputError("binary content, not delimited text (is the extension wrong?)");
    }
    SourceDocument document;
    auto decoded = decode_text(input.bytes);
    if (decoded.fallback) {
      Location location;
      location.file = input.path.string();
      document.warnings.push_back(
          {"encoding-fallback",
           "the file is not valid UTF-8; it was read as Windows-1252: check accented characters",
           location});
    }
    char delimiter = delimiter_for(extension_of(input.path), decoded.text);
    auto records = parse_delimited(decoded.text, delimiter);
    build_tables(records, options, document);
    return document;
  }

 private:
  static void build_tables(const std::vector<Record>& records, const ImportOptions& options,
                           SourceDocument& document) {
    std::vector<std::string> headings;
    std::size_t cells = 0;
    std::size_t i = 0;
    while (i < records.size()) {
      if (is_blank(records[i])) {
        ++i;
        continue;
      }
      std::size_t end = i;
      while (end < records.size() && !is_blank(records[end])) ++end;
      if (end - i == 1 && filled_fields(records[i]) == 1) {
        add_heading(records[i], document, headings);
      } else {
        Table table;
        table.index = static_cast<int>(document.tables.size()) + 1;
        table.addressing = Addressing::table_row;
        table.headings = std::move(headings);
        headings.clear();
        for (std::size_t r = i; r < end; ++r) {
          cells += records[r].size();
          if (cells > options.max_cells) throw InputError("too many cells");
          table.add_row(clean_cells(records[r]), RowOrigin{static_cast<int>(r - i) + 1, "", false});
        }
        document.tables.push_back(std::move(table));
      }
      i = end;
    }
  }

  static void add_heading(const Record& record, SourceDocument& document,
                          std::vector<std::string>& headings) {
    std::string text;
    for (const auto& field : record) {
      if (filled_fields({field}) > 0) text = collapse_whitespace(clean_cell_text(field));
    }
    if (text.empty() || text.size() > kMaxHeadingLength) return;
    if (document.title.empty() && document.tables.empty()) {
      document.title = text;
      return;
    }
    headings.push_back(std::move(text));
    if (headings.size() > kMaxHeadings) headings.erase(headings.begin());
  }

  static std::vector<Cell> clean_cells(const Record& record) {
    std::vector<Cell> cells(record.size());
    for (std::size_t c = 0; c < record.size(); ++c) cells[c].text = clean_cell_text(record[c]);
    return cells;
  }
};

}  // namespace

std::vector<std::vector<std::string>> parse_delimited(std::string_view text, char delimiter) {
  std::vector<Record> records;
  Record record;
  std::string field;
  bool quoted = false, field_started = false;
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_record = [&] {
    end_field();
    if (is_blank(record)) {
      // A blank line only separates tables: it is kept as one empty record, and a run of them as
      // one, so a file of millions of blank (or ",,,,") lines takes no memory for them.
      record.clear();
      if (!records.empty() && records.back().empty()) return;
    }
    records.push_back(std::move(record));
    record.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
    } else if (c == delimiter) {
      end_field();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
    } else {
      field.push_back(c);
      field_started = true;
    }
  }
  if (field_started || !field.empty() || !record.empty()) end_record();
  return records;
}

char sniff_delimiter(std::string_view text) {
  // Count candidates outside quotes in the first lines; the most frequent wins.
  std::size_t tabs = 0, commas = 0, semicolons = 0, lines = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size() && lines < 50; ++i) {
    char c = text[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\t') ++tabs;
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
    if (c == '\n') ++lines;
  }
  if (tabs >= commas && tabs >= semicolons && tabs > 0) return '\t';
  if (semicolons > commas) return ';';
  return ',';
}

std::unique_ptr<Importer> make_delimited_importer() {
  return std::make_unique<DelimitedImporter>();
}

}  // namespace trackport
