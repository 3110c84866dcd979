// Hostile sizes: pages with more text boxes than the limit, many pages. The importer must stay
// bounded and say what it left out.
#include <catch2/catch.hpp>

#include <sstream>

#include "pdf_fixture.hpp"

using trackport::ImportOptions;
using trackport::InputFile;
using trackport::make_pdf_importer;

namespace {

// A minimal PDF whose pages hold the given content streams (Helvetica as /F1).
std::string make_pdf(const std::vector<std::string>& contents) {
  std::vector<std::string> objects;
  std::string kids;
  for (std::size_t i = 0; i < contents.size(); ++i) kids += std::to_string(4 + 2 * i) + " 0 R ";
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " +
                    std::to_string(contents.size()) + " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  for (std::size_t i = 0; i < contents.size(); ++i) {
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
        "<< /F1 3 0 R >> >> /Contents " +
        std::to_string(5 + 2 * i) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(contents[i].size()) + " >>\nstream\n" +
                      contents[i] + "\nendstream");
  }
  return trackport::test::pdf_of_objects(objects);
}

// `count` separate words in a grid of small text.
std::string crowded_page(int count) {
  std::ostringstream out;
  out << "BT /F1 4 Tf\n";
  for (int i = 0; i < count; ++i)
    out << "1 0 0 1 " << 20 + (i % 60) * 9 << ' ' << 770 - (i / 60) * 5 << " Tm (w" << i % 10
        << ") Tj\n";
  out << "ET";
  return out.str();
}

InputFile as_input(std::string bytes) {
  InputFile input;
  input.path = "made.pdf";
  input.bytes = std::move(bytes);
  return input;
}

}  // namespace

TEST_CASE("pdf limits: text boxes beyond the per-page cap are dropped with a warning") {
  ImportOptions options;
  options.max_cells = 1000;  // the importer reads at most this many text boxes a page
  const auto doc = make_pdf_importer()->read(as_input(make_pdf({crowded_page(3000)})), options);
  REQUIRE(doc.warnings.size() == 1);
  CHECK(doc.warnings[0].code == "page-text-truncated");
  CHECK(doc.warnings[0].location.page == "1");
  CHECK(doc.warnings[0].location.file == "made.pdf");
}

TEST_CASE("pdf limits: many pages of running text give no tables and no warnings") {
  std::vector<std::string> pages;
  for (int i = 1; i <= 40; ++i)
    pages.push_back("BT /F1 10 Tf 72 720 Td (Chapter text on page " + std::to_string(i) +
                    ") Tj ET 72 700 m 500 700 l S");
  const auto doc = make_pdf_importer()->read(as_input(make_pdf(pages)), ImportOptions{});
  CHECK(doc.tables.empty());
  CHECK(doc.warnings.empty());
}
