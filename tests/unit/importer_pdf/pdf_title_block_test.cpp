// A PDF's title block: the document-information title read as the PDF says its byte strings are
// encoded (PDFDocEncoding or UTF-16), and the lines printed above the
// first table kept as the subtitle (where reports say their period).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "importers/pdf/pdf_importer.hpp"
#include "pdf_fixture.hpp"
#include "support/importer_checks.hpp"

using namespace trackport;

namespace {

// A one-page PDF with `info` as its document-information dictionary and `lines` of 12 pt
// Helvetica down the page; the cross-reference table's offsets are right.
std::string one_page_pdf(const std::string& info, const std::vector<std::string>& lines) {
  std::string content = "BT /F1 12 Tf 72 760 Td 16 TL";
  for (const auto& line : lines) content += " (" + line + ") Tj T*";
  content += " ET";
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> "
      ">> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
      info};
  return trackport::test::pdf_of_objects(objects, "/Info 6 0 R ");
}

SourceDocument read(const std::string& pdf) {
  return make_pdf_importer()->read(trackport::test::in_memory(pdf, "plan.pdf"), ImportOptions{});
}

}  // namespace

TEST_CASE("pdf: a byte-string title is PDFDocEncoding, so 0x85 is an en dash") {
  // \205 is 0x85: an en dash in PDFDocEncoding (an ellipsis in Windows-1252, a control in
  // Latin-1); \223 (0x93) the fi ligature.
  const auto document =
      read(one_page_pdf("<< /Title (Council Plan \\205 2023 \\223nal) >>", {"Actions"}));
  CHECK(document.title == "Council Plan \u2013 2023 \uFB01nal");
}

TEST_CASE("pdf: a UTF-16 title is read as it is") {
  // "Plan – 2024" in UTF-16BE with its byte-order mark.
  const auto document = read(
      one_page_pdf("<< /Title <FEFF0050006C0061006E0020201300200032003000320034> >>", {"Actions"}));
  CHECK(document.title == "Plan \u2013 2024");
}

TEST_CASE("pdf: the lines above the first table, the title aside, are the subtitle") {
  const auto document =
      read(one_page_pdf("<< /Title (Council Plan 2023-27) >>",
                        {"Council Plan 2023-27", "Progress against actions, March 2024"}));
  CHECK(document.subtitle == "Progress against actions, March 2024");
}
