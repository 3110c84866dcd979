// Bad input: one-line InputErrors (no file name), never a crash or a hang.
#include <catch2/catch.hpp>

#include "pdf_fixture.hpp"
#include "support/importer_checks.hpp"

using trackport::ImportOptions;
using trackport::InputError;
using trackport::InputFile;
using trackport::make_pdf_importer;
using trackport::Match;
using trackport::test::pdf_fixture;
using trackport::test::read_pdf_fixture;

namespace {

InputFile in_memory(std::string bytes, std::string name = "x.pdf") {
  return trackport::test::in_memory(std::move(bytes), std::move(name));
}

std::string error_of(const InputFile& input) {
  return trackport::test::read_error(*make_pdf_importer(), input);
}

}  // namespace

TEST_CASE("pdf: identify by the %PDF- signature, else by the extension") {
  const auto importer = make_pdf_importer();
  CHECK(importer->name() == "pdf");
  CHECK(importer->identify(in_memory("%PDF-1.7\n...", "report.bin")) == Match::content);
  CHECK(importer->identify(in_memory("PK\x03\x04", "report.PDF")) == Match::extension);
  CHECK(importer->identify(in_memory("Ref,Action\n", "report.csv")) == Match::no);
}

TEST_CASE("pdf: a user password is needed") {
  CHECK(error_of(pdf_fixture("encrypted_user.pdf")) ==
        "encrypted PDF: a password is needed to open it");
}

TEST_CASE("pdf: the user password (or the owner password) opens it, a wrong one is named") {
  const auto importer = make_pdf_importer();
  for (const std::string password : {"secret-user", "secret-owner"}) {
    ImportOptions options;
    options.pdf_password = password;
    const auto doc = importer->read(pdf_fixture("encrypted_user.pdf"), options);
    REQUIRE(doc.tables.size() == 1);
    CHECK(doc.tables[0].rows.size() == 4);
    CHECK(doc.tables[0].rows[3][1].text == "Review school transport eligibility");
  }
  ImportOptions wrong;
  wrong.pdf_password = "secret";
  CHECK(trackport::test::read_error(*importer, pdf_fixture("encrypted_user.pdf"), wrong) ==
        "encrypted PDF: the password given does not open it");
  // A password given for a file that needs none changes nothing.
  CHECK(importer->read(pdf_fixture("ruled.pdf"), wrong).tables.size() == 1);
}

TEST_CASE("pdf: encrypted with an owner password only is read") {
  const auto doc = read_pdf_fixture("encrypted_owner.pdf");
  REQUIRE(doc.tables.size() == 1);
  CHECK(doc.tables[0].rows.size() == 4);
  CHECK(doc.tables[0].rows[1][1].text ==
        "Open two new family hubs in the north of the city by March 2015");
}

TEST_CASE("pdf: a page with only an image has no text layer") {
  CHECK(error_of(pdf_fixture("image_only.pdf")) ==
        "no text layer on any page (scanned?): trackport does not OCR");
}

TEST_CASE("pdf: truncated, empty and garbage files are one-line errors") {
  for (const std::string& message :
       {error_of(pdf_fixture("truncated.pdf")), error_of(in_memory("")),
        error_of(in_memory("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")),
        error_of(in_memory(std::string(5000, '\xff')))}) {
    CHECK(message != "no error");
    CHECK(message.find('\n') == std::string::npos);
    CHECK(message.find("x.pdf") == std::string::npos);
  }
  CHECK(error_of(in_memory("")) == "empty file: not a PDF");
}

TEST_CASE("pdf: a damaged cross-reference table is rebuilt by poppler and read") {
  const auto doc = read_pdf_fixture("damaged_xref.pdf");
  REQUIRE(doc.tables.size() == 1);
  CHECK(doc.tables[0].rows.size() == 4);
  CHECK(doc.tables[0].rows[3][1].text == "Review school transport eligibility");
}
