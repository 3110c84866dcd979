#include <catch2/catch.hpp>

#include <string>

#include "io/input.hpp"
#include "io/ole.hpp"

using namespace trackport;

namespace {

const std::string kSignature("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);

// An OLE header sector and one directory sector naming `names`, one entry each.
std::string ole_with_entries(const std::vector<std::string>& names) {
  std::string bytes = kSignature + std::string(504, '\0');
  std::string directory(512, '\0');
  for (std::size_t i = 0; i < names.size(); ++i) {
    for (std::size_t c = 0; c < names[i].size(); ++c) directory[i * 128 + c * 2] = names[i][c];
  }
  return bytes + directory;
}

InputFile xlsx_fixture(const std::string& name) {
  return read_input(std::string(TRACKPORT_TEST_DIR) + "/fixtures/xlsx/" + name);
}

}  // namespace

TEST_CASE("ole: the signature") {
  CHECK(is_ole_compound_file(kSignature));
  CHECK_FALSE(is_ole_compound_file(kSignature.substr(0, 7)));
  CHECK_FALSE(is_ole_compound_file("PK\x03\x04"));
  CHECK_FALSE(is_ole_compound_file(""));
}

TEST_CASE("ole: directory entries are found by their whole name, at an entry's start") {
  std::string file = ole_with_entries({"Root Entry", "Workbook"});
  CHECK(ole_has_entry(file, "Workbook"));
  CHECK(ole_has_entry(file, "Root Entry"));
  CHECK_FALSE(ole_has_entry(file, "Book"));  // the end of "Workbook" is not "Book"
  CHECK_FALSE(ole_has_entry(file, "Work"));  // nor is its start
  CHECK(ole_has_entry(ole_with_entries({"Root Entry", "Book"}), "Book"));
  // The same UTF-16 text inside a stream, off an entry boundary, does not count.
  std::string text = kSignature + std::string(504 + 130, '\0');
  text.replace(512 + 2, 16, std::string("W\0o\0r\0k\0b\0o\0o\0k\0", 16));
  CHECK_FALSE(ole_has_entry(text, "Workbook"));
}

TEST_CASE("ole: an encrypted OOXML package") {
  CHECK(is_encrypted_ooxml(xlsx_fixture("encrypted.xlsx").bytes));
  CHECK(is_encrypted_ooxml(ole_with_entries({"Root Entry", "EncryptedPackage"})));
  CHECK_FALSE(is_encrypted_ooxml(xlsx_fixture("legacy.xls").bytes));
  CHECK_FALSE(is_encrypted_ooxml(ole_with_entries({"Root Entry", "Workbook"})));
}
