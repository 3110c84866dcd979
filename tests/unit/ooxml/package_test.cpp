#include <catch2/catch.hpp>

#include "importers/ooxml/package.hpp"
#include "io/input.hpp"
#include "unit/io/zip_writer.hpp"

using namespace trackport;
using trackport::test::make_zip;

namespace {

const char* kContentTypes = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="XML" ContentType="application/xml"/>
  <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
  <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>)";

const char* kRootRels = R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/>
</Relationships>)";

const char* kWorkbookRels = R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
  <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="./theme/../theme/theme1.xml"/>
  <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/>
  <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/a%20b" TargetMode="External"/>
  <Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/my%20image.png"/>
</Relationships>)";

std::string sample_package() {
  return make_zip({{"[Content_Types].xml", kContentTypes},
                   {"_rels/.rels", kRootRels},
                   {"xl/workbook.xml", "<workbook/>"},
                   {"xl/_rels/workbook.xml.rels", kWorkbookRels},
                   {"xl/worksheets/sheet1.xml", "<worksheet/>"}});
}

}  // namespace

TEST_CASE("ooxml: resolve_target handles relative, ../, ./ and absolute targets") {
  CHECK(resolve_target("xl/workbook.xml", "worksheets/sheet1.xml") == "xl/worksheets/sheet1.xml");
  CHECK(resolve_target("xl/workbook.xml", "/xl/styles.xml") == "xl/styles.xml");
  CHECK(resolve_target("xl/worksheets/sheet1.xml", "../drawings/drawing1.xml") ==
        "xl/drawings/drawing1.xml");
  CHECK(resolve_target("xl/workbook.xml", "./theme/theme1.xml") == "xl/theme/theme1.xml");
  CHECK(resolve_target("", "xl/workbook.xml") == "xl/workbook.xml");
  CHECK(resolve_target("word/document.xml", "../../../etc/passwd") == "etc/passwd");
  CHECK(resolve_target("xl/workbook.xml", "my%20sheet.xml") == "xl/my sheet.xml");
}

TEST_CASE("ooxml: rels_part_for names the relationships part") {
  CHECK(rels_part_for("") == "_rels/.rels");
  CHECK(rels_part_for("xl/workbook.xml") == "xl/_rels/workbook.xml.rels");
  CHECK(rels_part_for("word/document.xml") == "word/_rels/document.xml.rels");
}

TEST_CASE("ooxml: content types, main part and relationships") {
  std::string bytes = sample_package();
  OoxmlPackage package(bytes);
  REQUIRE(package.main_part() == std::optional<std::string>("xl/workbook.xml"));
  CHECK(package.content_type("xl/workbook.xml") ==
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
  CHECK(package.content_type("/XL/Worksheets/Sheet1.xml") ==
        "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
  CHECK(package.content_type("xl/styles.xml") == "application/xml");  // Default, any case
  CHECK(package.content_type("docProps/core.png") == "");

  auto rels = package.relationships("xl/workbook.xml");
  REQUIRE(rels.size() == 5);
  CHECK(rels[0].id == "rId1");
  CHECK(rels[0].type.ends_with("/worksheet"));
  CHECK(rels[0].target == "xl/worksheets/sheet1.xml");
  CHECK(rels[1].target == "xl/theme/theme1.xml");
  CHECK(rels[2].target == "xl/styles.xml");
  CHECK(rels[3].external);
  CHECK(rels[3].target == "https://example.org/a%20b");
  CHECK(rels[4].target == "media/my image.png");
  CHECK(package.relationships("xl/worksheets/sheet1.xml").empty());

  CHECK(package.read("/xl/workbook.xml") == std::optional<std::string>("<workbook/>"));
  CHECK_FALSE(package.read("xl/none.xml").has_value());
}

TEST_CASE("ooxml: a ZIP without [Content_Types].xml is not a package") {
  std::string bytes = make_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}});
  CHECK_THROWS_WITH(OoxmlPackage(bytes), "not an Office Open XML package (no [Content_Types].xml)");
}

TEST_CASE("ooxml: has_doctype finds a DOCTYPE only in the prolog") {
  CHECK(has_doctype("<!DOCTYPE lolz [<!ENTITY lol \"lol\">]><a>&lol;</a>"));
  CHECK(has_doctype("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c --> <!DOCTYPE a><a/>"));
  CHECK_FALSE(has_doctype("<?xml version=\"1.0\"?><a>&lt;!DOCTYPE&gt;</a>"));
  CHECK_FALSE(has_doctype("<a><![CDATA[<!DOCTYPE x>]]></a>"));
  CHECK_FALSE(has_doctype(""));
  std::string utf16("\xFF\xFE<\0!\0D\0O\0C\0T\0Y\0P\0E\0", 20);
  CHECK(has_doctype(utf16));
}

TEST_CASE("ooxml: a billion-laughs part is refused before parsing") {
  std::string laughs = R"(<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>)";
  pugi::xml_document doc;
  CHECK_THROWS_WITH(parse_part_in_place(doc, laughs, "xl/worksheets/sheet1.xml"),
                    "part xl/worksheets/sheet1.xml has a DOCTYPE declaration (refused: possible "
                    "entity-expansion attack)");
  std::string broken = "<a><b></a>";
  CHECK_THROWS_AS(parse_part_in_place(doc, broken, "x.xml"), InputError);
}

TEST_CASE("ooxml: local_name drops a namespace prefix") {
  CHECK(local_name("x:row") == "row");
  CHECK(local_name("row") == "row");
  CHECK(local_name(nullptr) == "");
}
