#include <catch2/catch.hpp>

#include "importers/delimited/delimited_importer.hpp"
#include "io/text_encoding.hpp"

using namespace trackport;

namespace {

InputFile input(std::string name, std::string bytes) {
  InputFile file;
  file.path = name;
  file.bytes = std::move(bytes);
  return file;
}

SourceDocument read(std::string name, std::string bytes) {
  return make_delimited_importer()->read(input(std::move(name), std::move(bytes)), {});
}

}  // namespace

TEST_CASE("RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quotes") {
  auto records = parse_delimited("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x,\r\nlast", ',');
  REQUIRE(records.size() == 3);
  CHECK(records[0] == std::vector<std::string>{"a", "b,c", "say \"hi\""});
  CHECK(records[1] == std::vector<std::string>{"two\nlines", "x", ""});
  CHECK(records[2] == std::vector<std::string>{"last"});
}

TEST_CASE("CR-only and LF line ends both end records") {
  auto records = parse_delimited("a\tb\rc\td\ne\tf", '\t');
  REQUIRE(records.size() == 3);
  CHECK(records[1] == std::vector<std::string>{"c", "d"});
}

TEST_CASE("the delimiter of a .csv is sniffed") {
  CHECK(sniff_delimiter("a;b;c\n1;2;3\n") == ';');
  CHECK(sniff_delimiter("a,b,c\n1,2,3\n") == ',');
  CHECK(sniff_delimiter("a\tb, c\n1\t2\n") == '\t');
  CHECK(sniff_delimiter("\"x;y\",b,c\n") == ',');
}

TEST_CASE("text is decoded: BOMs, UTF-16, and Windows-1252 as a fallback") {
  CHECK(decode_text("\xEF\xBB\xBFok").text == "ok");
  auto cp1252 = decode_text("caf\xE9 \x93quoted\x94 \x80");
  CHECK(cp1252.fallback);
  CHECK(cp1252.text == "caf\u00e9 \u201cquoted\u201d \u20ac");
  auto utf16 =
      decode_text(std::string("\xFF\xFE"
                              "a\0\xE9\0",
                              6));
  CHECK(utf16.encoding == "utf-16le");
  CHECK(utf16.text == "a\u00e9");
  CHECK_FALSE(is_valid_utf8("\xC3"));
  CHECK(is_valid_utf8("\xC3\xA9"));
}

TEST_CASE("a Windows-1252 file is read with a warning") {
  auto document = read("plan.csv", "Action,Owner\nCaf\xE9,Jo\n");
  REQUIRE(document.warnings.size() == 1);
  CHECK(document.warnings[0].code == "encoding-fallback");
  CHECK(document.tables.at(0).rows.at(1).at(0).text == "Caf\u00e9");
}

TEST_CASE("blank lines separate tables; a lone line before a table is its heading") {
  auto document = read("plan.tsv",
                       "Delivery plan 2014\n\nPriority one\n\nAction\tOwner\nDo one\tJo\n\n"
                       "Priority two\n\nAction\tOwner\nDo two\tAl\n");
  CHECK(document.title == "Delivery plan 2014");
  REQUIRE(document.tables.size() == 2);
  CHECK(document.tables[0].headings == std::vector<std::string>{"Priority one"});
  CHECK(document.tables[1].headings == std::vector<std::string>{"Priority two"});
  CHECK(document.tables[1].index == 2);
  CHECK(document.tables[1].rows.size() == 2);
  CHECK(document.tables[1].row_origins[1].number == 2);
  CHECK(document.tables[0].addressing == Addressing::table_row);
}

TEST_CASE("cells holding Word HTML are cleaned into plain text with list lines") {
  auto document =
      read("plan.tsv", "Action\tOwner\n<ul><li>one</li><li>two &amp; three</li></ul>\tJo\n");
  CHECK(document.tables.at(0).rows.at(1).at(0).text == "• one\n• two & three");
}

TEST_CASE(".txt files are tab-separated even when their prose has commas") {
  auto document = read("plan.txt", "Action\tOwner, lead\nDo one, then two\tJo\n");
  CHECK(document.tables.at(0).rows.at(0).size() == 2);
}

TEST_CASE("bad input: empty files and binary content get one-line errors") {
  CHECK_THROWS_WITH(read("empty.csv", ""), "empty file");
  CHECK_THROWS_WITH(read("junk.csv", std::string("PK\x03\x04\0\0\x14\0binary", 14)),
                    Catch::Contains("binary content"));
  auto importer = make_delimited_importer();
  CHECK(importer->identify(input("x.csv", "a,b\n")) == Match::extension);
  CHECK(importer->identify(input("x.xlsx", "a,b\n")) == Match::no);
  CHECK(importer->identify(input("x.csv", std::string("\0\0\0", 3))) == Match::no);
  CHECK(importer->format_of(input("x.tsv", "")) == "tsv");
}

TEST_CASE("a run of blank lines is one empty record, whatever its length") {
  std::string text = "a,b\n1,2\n";
  for (int i = 0; i < 100000; ++i) text += i % 2 ? ",,,\n" : "\n";
  text += "c,d\n3,4\n";
  auto records = parse_delimited(text, ',');
  REQUIRE(records.size() == 5);
  CHECK(records[2].empty());
  CHECK(records[3] == std::vector<std::string>{"c", "d"});
}
