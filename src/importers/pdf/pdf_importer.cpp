#include "importers/pdf/pdf_importer.hpp"

#include <cctype>
#include <optional>
#include <string>

#include "importers/pdf/cross_page.hpp"
#include "importers/pdf/page_analysis.hpp"
#include "importers/pdf/page_furniture.hpp"
#include "importers/pdf/pdf_document.hpp"
#include "importers/pdf/unruled_tables.hpp"

namespace trackport {

namespace {

bool has_pdf_extension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".pdf";
}

Warning page_warning(const InputFile& input, int page, std::string code, std::string message) {
  Warning warning;
  warning.code = std::move(code);
  warning.message = std::move(message);
  warning.location.file = input.path.string();
  warning.location.page = std::to_string(page);
  return warning;
}

// A row cut by a page break was joined from its pieces: worth a look, so say where.
void warn_about_joined_rows(const InputFile& input, SourceDocument& document) {
  for (const Table& table : document.tables) {
    for (std::size_t r = 0; r < table.row_origins.size(); ++r) {
      const std::string& page = table.row_origins[r].page;
      if (page.find('-') == std::string::npos) continue;
      Warning warning;
      warning.code = "row-continued-across-page";
      warning.message = "Row " + std::to_string(r + 1) + " of table " +
                        std::to_string(table.index) + " runs over pages " + page +
                        "; its pieces were joined into one row.";
      warning.location.file = input.path.string();
      warning.location.table = table.index;
      warning.location.row = static_cast<int>(r) + 1;
      warning.location.page = page;
      document.warnings.push_back(std::move(warning));
    }
  }
}

// One page with one line of Helvetica: reading it loads poppler's global tables (character maps,
// encodings), which a fresh process otherwise does on its first PDF.
constexpr std::string_view kWarmUpPdf =
    "%PDF-1.4\n"
    "1 0 obj\n"
    "<< /Type /Catalog /Pages 2 0 R >>\n"
    "endobj\n"
    "2 0 obj\n"
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>\n"
    "endobj\n"
    "3 0 obj\n"
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Resources << /Font << /F1 4 0 R >> >> "
    "/Contents 5 0 R >>\n"
    "endobj\n"
    "4 0 obj\n"
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\n"
    "endobj\n"
    "5 0 obj\n"
    "<< /Length 43 >>\n"
    "stream\n"
    "BT /F1 12 Tf 20 50 Td (Action Status) Tj ET\n"
    "endstream\n"
    "endobj\n"
    "xref\n"
    "0 6\n"
    "0000000000 65535 f \n"
    "0000000009 00000 n \n"
    "0000000058 00000 n \n"
    "0000000115 00000 n \n"
    "0000000241 00000 n \n"
    "0000000311 00000 n \n"
    "trailer\n"
    "<< /Size 6 /Root 1 0 R >>\n"
    "startxref\n"
    "404\n"
    "%%EOF\n"
    "";

class PdfImporter final : public Importer {
 public:
  std::string_view name() const override { return "pdf"; }

  void warm_up() const override {
    InputFile tiny;
    tiny.path = "warm-up.pdf";
    tiny.bytes = std::string(kWarmUpPdf);
    try {
      read(tiny, ImportOptions{});
    } catch (...) {  // nothing to warm up then; the files will say what is wrong
    }
  }

  Match identify(const InputFile& input) const override {
    if (input.bytes.rfind("%PDF-", 0) == 0) return Match::content;
    return has_pdf_extension(input.path) ? Match::extension : Match::no;
  }

  SourceDocument read(const InputFile& input, const ImportOptions& options) const override {
    const pdf::Document document(input.bytes, options.pdf_password);
    SourceDocument result;
    result.title = document.title();
    std::vector<pdf::PageLayout> pages = read_pages(document, input, options, result.warnings);
    pdf::remove_running_furniture(pages);
    std::optional<pdf::UnruledCarry> carry;
    for (pdf::PageLayout& page : pages) {
      pdf::find_unruled_tables(page, carry ? &*carry : nullptr);
      pdf::attach_headings(page);
      carry = pdf::unruled_carry(page);
    }
    if (!pages.empty()) result.subtitle = pdf::opening_lines(pages.front(), result.title);
    result.tables = pdf::join_tables(pages);
    warn_about_joined_rows(input, result);
    return result;
  }

 private:
  static std::vector<pdf::PageLayout> read_pages(const pdf::Document& document,
                                                 const InputFile& input,
                                                 const ImportOptions& options,
                                                 std::vector<Warning>& warnings) {
    pdf::PageLimits limits;
    limits.max_words = std::min<std::size_t>(limits.max_words, options.max_cells);
    std::vector<pdf::PageLayout> pages;
    std::size_t total_words = 0;
    const int count = document.pages();
    for (int i = 0; i < count; ++i) {
      pdf::PageReport report;
      std::optional<pdf::PageLayout> page = pdf::analyse_page(document, i + 1, limits, report);
      if (!page) {
        warnings.push_back(
            page_warning(input, i + 1, "page-unreadable",
                         "Page " + std::to_string(i + 1) + " could not be read and was skipped."));
        continue;
      }
      pages.push_back(std::move(*page));
      total_words += report.words;
      if (report.dropped_words > 0)
        warnings.push_back(page_warning(input, i + 1, "page-text-truncated",
                                        "Page " + std::to_string(i + 1) + " has more than " +
                                            std::to_string(limits.max_words) +
                                            " text boxes; the rest were not read."));
      if (report.paths_dropped)
        warnings.push_back(page_warning(input, i + 1, "page-too-crowded",
                                        "Page " + std::to_string(i + 1) +
                                            " draws too many lines and shapes to look for ruling "
                                            "lines; its tables were read from the text alone."));
    }
    if (total_words == 0)
      throw InputError("no text layer on any page (scanned?): trackport does not OCR");
    return pages;
  }
};

}  // namespace

std::unique_ptr<Importer> make_pdf_importer() {
  return std::make_unique<PdfImporter>();
}

}  // namespace trackport
