#include "importers/html/html_importer.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

#include "importers/html/html_charset.hpp"
#include "importers/html/html_grid.hpp"
#include "importers/html/html_parse.hpp"

namespace trackport {

namespace {

// How far into the file identify() looks for a <table> when there is no <html> or DOCTYPE.
constexpr std::size_t kSniffBytes = 4096;

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  return std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
}

std::string lower_prefix(std::string_view bytes, std::size_t count) {
  std::string out(bytes.substr(0, std::min(count, bytes.size())));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The bytes after a UTF-8 BOM, leading whitespace, an XML declaration and comments.
std::string_view skip_preamble(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  for (int round = 0; round < 8; ++round) {
    while (!bytes.empty() && std::isspace(static_cast<unsigned char>(bytes.front()))) {
      bytes.remove_prefix(1);
    }
    std::string_view close = bytes.starts_with("<?")     ? "?>"
                             : bytes.starts_with("<!--") ? "-->"
                                                         : "";
    if (close.empty()) break;
    std::size_t end = bytes.find(close);
    if (end == std::string_view::npos) return {};
    bytes.remove_prefix(end + close.size());
  }
  return bytes;
}

// The start of the file as ASCII: UTF-16 text (after its BOM) loses its zero bytes, so that the
// same checks recognise it.
std::string ascii_view(std::string_view bytes) {
  std::string_view head = bytes.substr(0, std::min(bytes.size(), 2 * kSniffBytes));
  if (!head.starts_with("\xFF\xFE") && !head.starts_with("\xFE\xFF")) return std::string(head);
  std::string out;
  for (std::size_t i = head[0] == '\xFF' ? 2 : 3; i < head.size(); i += 2) out.push_back(head[i]);
  return out;
}

Warning make_warning(const InputFile& input, std::string code, std::string message, int table = 0,
                     int row = 0) {
  Warning warning;
  warning.code = std::move(code);
  warning.message = std::move(message);
  warning.location.file = input.path.string();
  warning.location.table = table;
  warning.location.row = row;
  return warning;
}

// Why decoded text is no web page, or nullopt: a page is text with markup, so text whose start is
// full of control characters (a binary file named .html) or that holds no tag at all is some
// other file, and says so rather than converting to a document of nothing.
std::optional<std::string> not_a_page(std::string_view text) {
  const std::string_view start = text.substr(0, 65536);
  const auto controls = std::count_if(start.begin(), start.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r' && byte != '\f';
  });
  if (static_cast<std::size_t>(controls) * 100 > start.size())
    return "not an HTML page (binary content)";
  for (std::size_t at = text.find('<'); at != std::string_view::npos && at + 1 < text.size();
       at = text.find('<', at + 1)) {
    const char next = text[at + 1];
    if (std::isalpha(static_cast<unsigned char>(next)) || next == '!' || next == '/' || next == '?')
      return std::nullopt;
  }
  return "not an HTML page (no markup in it)";
}

class HtmlImporter final : public Importer {
 public:
  std::string_view name() const override { return "html"; }

  Match identify(const InputFile& input) const override {
    std::string sniffed = ascii_view(input.bytes);
    std::string_view start = skip_preamble(sniffed);
    if (starts_with_nocase(start, "<!doctype html") || starts_with_nocase(start, "<html")) {
      return Match::content;
    }
    if (starts_with_nocase(start, "<") &&
        lower_prefix(sniffed, kSniffBytes).find("<table") != std::string::npos) {
      return Match::content;
    }
    std::string extension = extension_of(input.path);
    if (extension == "html" || extension == "htm") return Match::extension;
    return Match::no;
  }

  SourceDocument read(const InputFile& input, const ImportOptions& options) const override {
    if (input.bytes.empty()) throw InputError("empty file");
    SourceDocument result;
    DecodedHtml decoded = decode_html(input.bytes);
    if (decoded.fell_back_to_windows_1252) {
      result.warnings.push_back(make_warning(
          input, "encoding-guessed",
          "The file is not valid UTF-8, which it declares or defaults to; it was read as "
          "Windows-1252. Check accented letters and quotation marks."));
    }
    if (auto why = not_a_page(decoded.utf8)) throw InputError(*why);
    HtmlDocument document = parse_html(decoded.utf8);
    if (document.truncated) {
      result.warnings.push_back(make_warning(
          input, "nesting-too-deep",
          "The HTML nests elements too deeply; content below the depth limit was skipped."));
    }
    result.title = std::move(document.title);
    MemoryBudget budget(options.max_table_bytes);
    int index = 0;
    for (const HtmlTable& source : document.tables) {
      ++index;
      result.tables.push_back(layout_html_table(source, index, options.max_cells, budget));
      for (std::size_t r = 0; r < source.rows.size(); ++r) {
        if (source.rows[r].nested_tables == 0) continue;
        result.warnings.push_back(make_warning(
            input, "nested-table-flattened",
            "A table inside a cell was flattened into the cell's text (one line per row, cells "
            "joined by \" | \").",
            index, static_cast<int>(r) + 1));
      }
    }
    return result;
  }
};

}  // namespace

std::unique_ptr<Importer> make_html_importer() {
  return std::make_unique<HtmlImporter>();
}

}  // namespace trackport
