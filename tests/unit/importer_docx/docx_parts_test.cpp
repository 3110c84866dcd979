// The docx importer's readers of the supporting parts (styles, numbering, theme), on small XML
// written here.
#include <catch2/catch.hpp>

#include <pugixml.hpp>

#include <string>

#include "importers/docx/docx_numbering.hpp"
#include "importers/docx/docx_styles.hpp"
#include "importers/docx/docx_theme.hpp"

using namespace trackport;
using namespace trackport::docx;

namespace {

constexpr const char* kNs =
    R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";

pugi::xml_node load(pugi::xml_document& doc, const std::string& xml) {
  REQUIRE(doc.load_string(xml.c_str()));
  return doc.document_element();
}

}  // namespace

TEST_CASE("docx numbering: bullets, numbers, levels and restarts", "[docx]") {
  pugi::xml_document doc;
  Numbering numbering(load(doc, std::string("<w:numbering ") + kNs + R"xml(>
    <w:abstractNum w:abstractNumId="0">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
      <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1.%3"/></w:lvl>
    </w:abstractNum>
    <w:abstractNum w:abstractNumId="1">
      <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61623;"/></w:lvl>
      <w:lvl w:ilvl="1"><w:numFmt w:val="none"/><w:lvlText w:val=""/></w:lvl>
    </w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
    <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
    <w:num w:numId="3"><w:abstractNumId w:val="0"/>
      <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
  </w:numbering>)xml"));
  CHECK(numbering.next_label(1, 0) == "1. ");
  CHECK(numbering.next_label(1, 1) == "(a) ");
  CHECK(numbering.next_label(1, 1) == "(b) ");
  CHECK(numbering.next_label(1, 0) == "2. ");
  CHECK(numbering.next_label(1, 1) == "(a) ");  // a new parent restarts the level below
  CHECK(numbering.next_label(1, 2) == "2.i ");
  CHECK(numbering.next_label(1, 2) == "2.ii ");
  CHECK(numbering.next_label(2, 0) == "• ");
  CHECK(numbering.next_label(2, 1).empty());   // numFmt none: no label
  CHECK(numbering.next_label(3, 0) == "5. ");  // startOverride
  CHECK(numbering.next_label(0, 0).empty());   // numId 0 switches numbering off
  CHECK(numbering.next_label(42, 0) == "• ");  // unknown list: still a list entry
}

TEST_CASE("docx numbering: counter formats", "[docx]") {
  CHECK(format_counter(4, "decimal") == "4");
  CHECK(format_counter(28, "lowerLetter") == "bb");
  CHECK(format_counter(3, "upperLetter") == "C");
  CHECK(format_counter(14, "upperRoman") == "XIV");
  CHECK(format_counter(7, "decimalZero") == "07");
}

TEST_CASE("docx styles: headings by name, outline level and inheritance", "[docx]") {
  pugi::xml_document doc;
  Styles styles(load(doc, std::string("<w:styles ") + kNs + R"xml(>
    <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
    <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
    <w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/>
      <w:rPr><w:b/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="My heading"/>
      <w:basedOn w:val="berschrift2"/><w:rPr><w:b w:val="0"/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="Outline"/>
      <w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
    <w:style w:type="paragraph" w:styleId="Bullets"><w:name w:val="List Bullet"/>
      <w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
    <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="LoopA"><w:basedOn w:val="LoopB"/></w:style>
    <w:style w:type="paragraph" w:styleId="LoopB"><w:basedOn w:val="LoopA"/></w:style>
  </w:styles>)xml"));
  CHECK(styles.facts("Title").outline_level == kTitleLevel);
  CHECK(styles.facts("berschrift2").outline_level == 2);  // localised id, built-in name
  CHECK(styles.facts("berschrift2").bold);
  CHECK(styles.facts("MyHeading").outline_level == 2);  // inherited
  CHECK_FALSE(styles.facts("MyHeading").bold);          // own w:b="0" wins
  CHECK(styles.facts("Outline").outline_level == 3);    // w:outlineLvl is 0-based
  CHECK(styles.facts("Bullets").list->num_id == 7);
  CHECK(styles.facts("Strong").bold);
  CHECK_FALSE(styles.facts("Normal").outline_level);
  CHECK_FALSE(styles.facts("NoSuchStyle").outline_level);
  CHECK_FALSE(styles.facts("LoopA").outline_level);  // a basedOn cycle ends
  CHECK(outline_level_from_name("Heading 9") == 9);
  CHECK_FALSE(outline_level_from_name("Heading 10"));
}

TEST_CASE("docx theme: scheme colours, tint and shade", "[docx]") {
  pugi::xml_document doc;
  ThemeColours theme(
      load(doc, R"xml(<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">
    <a:themeElements><a:clrScheme name="Office">
      <a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>
      <a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>
      <a:accent6><a:srgbClr val="70AD47"/></a:accent6>
    </a:clrScheme></a:themeElements></a:theme>)xml"));
  CHECK(theme.find("accent6") == Rgb{0x70, 0xAD, 0x47});
  CHECK(theme.find("background1") == Rgb{0xFF, 0xFF, 0xFF});
  CHECK(theme.find("text1") == Rgb{0, 0, 0});
  CHECK_FALSE(theme.find("accent1"));
  CHECK(apply_tint(Rgb{0, 0, 0}, 0x80) == Rgb{127, 127, 127});    // 255 - 255 * 128/255
  CHECK(apply_shade(Rgb{200, 100, 0}, 0x80) == Rgb{100, 50, 0});  // 200 * 128/255 = 100.4
  CHECK(apply_tint(Rgb{10, 20, 30}, 0xFF) == Rgb{10, 20, 30});

  pugi::xml_document shd;
  auto shading = [&](const std::string& attributes) {
    REQUIRE(shd.load_string(("<w:shd " + std::string(kNs) + " " + attributes + "/>").c_str()));
    return shading_fill(shd.document_element(), theme);
  };
  CHECK(shading(R"(w:val="clear" w:fill="FFC000")") == Rgb{0xFF, 0xC0, 0x00});
  CHECK_FALSE(shading(R"(w:val="clear" w:fill="auto")"));
  CHECK(shading(R"(w:val="clear" w:themeFill="accent6")") == Rgb{0x70, 0xAD, 0x47});
  // A theme colour the theme lacks: the cached w:fill.
  CHECK(shading(R"(w:val="clear" w:themeFill="accent1" w:fill="4472C4")") == Rgb{0x44, 0x72, 0xC4});
  CHECK(shading(R"(w:val="solid" w:color="FF0000" w:fill="auto")") == Rgb{0xFF, 0, 0});
  CHECK_FALSE(shading(R"(w:val="nil" w:fill="FF0000")"));
}
