// Shared strings: a big part is parsed in two halves on two threads; the strings must be those of
// a parse of the whole, in order, whatever the part holds.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "importers/xlsx/xlsx_workbook.hpp"
#include "io/input.hpp"

using namespace trackport;

namespace {

// Each string's <si>, varied: plain text, rich-text runs, an escape, a line break, a phonetic
// guide that is not part of the text. `prefix` is the namespace prefix ("" or "x:").
std::string item_xml(std::size_t n, const std::string& prefix) {
  const std::string si = prefix + "si", t = prefix + "t", r = prefix + "r";
  const std::string number = std::to_string(n);
  switch (n % 5) {
    case 0:
      return "<" + si + "><" + t + ">Action " + number + ": tackle poverty</" + t + "></" + si +
             ">";
    case 1:
      return "<" + si + "><" + r + "><" + t + ">Lead </" + t + "></" + r + "><" + r + "><" + t +
             " xml:space=\"preserve\">officer " + number + "</" + t + "></" + r + "></" + si + ">";
    case 2:
      return "<" + si + "><" + t + ">Fish &amp; chips " + number + "</" + t + "></" + si + ">";
    case 3:
      return "<" + si + "><" + t + ">Line one " + number + "_x000D_\nline two</" + t + "><" +
             prefix + "rPh sb=\"0\" eb=\"1\"><" + t + ">guide</" + t + "></" + prefix + "rPh></" +
             si + ">";
    default:
      return "<" + si + "><" + t + "/></" + si + ">";  // an empty string keeps its place
  }
}

std::string expected_text(std::size_t n) {
  const std::string number = std::to_string(n);
  switch (n % 5) {
    case 0:
      return "Action " + number + ": tackle poverty";
    case 1:
      return "Lead officer " + number;
    case 2:
      return "Fish & chips " + number;
    case 3:
      return "Line one " + number + "\nline two";
    default:
      return "";
  }
}

// A sharedStrings part of `count` items, with `declaration` first and `inside` after the first
// half of the items.
std::string shared_strings_xml(std::size_t count, const std::string& prefix,
                               const std::string& declaration, const std::string& inside = "") {
  std::string xml = declaration + "<" + prefix + "sst xmlns" +
                    (prefix.empty() ? "" : ":" + prefix.substr(0, prefix.size() - 1)) +
                    "=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"" +
                    std::to_string(count) + "\">";
  for (std::size_t n = 0; n < count; ++n) {
    if (n == count / 2) xml += inside;
    xml += item_xml(n, prefix);
  }
  return xml + "</" + prefix + "sst>";
}

void check_strings(const std::vector<std::string>& strings, std::size_t count) {
  REQUIRE(strings.size() == count);
  std::size_t wrong = 0;
  for (std::size_t n = 0; n < count; ++n) wrong += strings[n] != expected_text(n);
  CHECK(wrong == 0);
}

constexpr std::size_t kBig = 120000;  // several MB: parsed in two halves
const std::string kDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

}  // namespace

TEST_CASE("shared strings: a big part read in two halves gives every string in order") {
  for (const std::string prefix : {"", "x:"}) {
    INFO("prefix '" << prefix << "'");
    std::string xml = shared_strings_xml(kBig, prefix, kDeclaration);
    REQUIRE(xml.size() > (std::size_t{4} << 20));
    check_strings(parse_shared_strings(xml), kBig);
  }
}

TEST_CASE("shared strings: small parts, and big ones that are not cut, read the same") {
  std::string small = shared_strings_xml(40, "", kDeclaration);
  check_strings(parse_shared_strings(small), 40);
  std::string undeclared = shared_strings_xml(kBig, "", "");
  check_strings(parse_shared_strings(undeclared), kBig);
  // A comment or CDATA section in the middle could hold an "<si>" that is not one: read whole.
  std::string comment = shared_strings_xml(kBig, "", kDeclaration, "<!-- <si><t>no</t></si> -->");
  check_strings(parse_shared_strings(comment), kBig);
  // Another declared encoding is left to the parser, which reads the declaration.
  std::string latin1 = shared_strings_xml(
      kBig, "", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", "<si><t>caf\xE9</t></si>");
  auto strings = parse_shared_strings(latin1);
  REQUIRE(strings.size() == kBig + 1);
  CHECK(strings[kBig / 2] == "caf\xC3\xA9");
}

TEST_CASE("shared strings: malformed XML in either half is an error, not a crash") {
  for (const std::size_t at : {kBig / 4, kBig / 2 + kBig / 4}) {
    std::string xml = shared_strings_xml(kBig, "", kDeclaration);
    // Break one item's end tag.
    const std::string target = "Action " + std::to_string(at - at % 5) + ": tackle poverty</t>";
    const std::size_t where = xml.find(target);
    REQUIRE(where != std::string::npos);
    xml.replace(where + target.size() - 4, 4, "</q>");
    CHECK_THROWS_AS(parse_shared_strings(xml), InputError);
  }
}

TEST_CASE("shared strings: the first coloured run gives a string's colour, in both halves") {
  XlsxStyles styles;
  styles.theme = std::vector<Rgb>(12, Rgb{});
  styles.theme[9] = Rgb{0x70, 0xAD, 0x47};  // accent6
  auto coloured = [](std::size_t n) {
    if (n % 3 == 0) {
      return std::string(
          "<si><r><rPr><color rgb=\"FF00B050\"/></rPr><t>\u25CF</t></r>"
          "<r><t xml:space=\"preserve\"> On track</t></r></si>");
    }
    if (n % 3 == 1) return std::string("<si><r><rPr><color theme=\"9\"/></rPr><t>G</t></r></si>");
    return std::string("<si><r><rPr><color auto=\"1\"/></rPr><t>plain</t></r></si>");
  };
  for (std::size_t count : {std::size_t{30}, std::size_t{200000}}) {
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst>";
    for (std::size_t n = 0; n < count; ++n) xml += coloured(n);
    xml += "</sst>";
    RunColours colours;
    auto strings = parse_shared_strings(xml, &styles, &colours);
    REQUIRE(strings.size() == count);
    CHECK(strings[0] == "\u2022 On track");  // a circle that starts a line is a list bullet
    REQUIRE(colours.size() == count - count / 3);
    CHECK(colours[0] == std::pair<std::size_t, Rgb>{0, Rgb{0x00, 0xB0, 0x50}});
    CHECK(colours[1] == std::pair<std::size_t, Rgb>{1, Rgb{0x70, 0xAD, 0x47}});
    // Every string but each third one, by ascending index.
    for (std::size_t i = 0; i < colours.size(); ++i) {
      const std::size_t n = i / 2 * 3 + i % 2;
      if (colours[i].first != n) FAIL("colour " << i << " is of string " << colours[i].first);
    }
  }
}
