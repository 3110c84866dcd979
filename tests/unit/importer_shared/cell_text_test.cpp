// Cleaning cells' raw text (HTML fragments, bullets, whitespace) into the model's plain text.
#include <catch2/catch.hpp>

#include <string>

#include "importers/shared/cell_text.hpp"

using trackport::clean_cell_text;
using trackport::looks_like_html;

namespace {

std::string repeat(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

}  // namespace

// --- Seed cells (../shared/seeds), expected text following the truth files' conventions --------

TEST_CASE("seed 000: paragraphs become lines", "[text][seed]") {
  const std::string cell =
      "<p>This piece of work was not re-commissioned after end of March 2013.</p> <p>Over the "
      "life of the project: 86% of families reported the service had made a positive "
      "difference to them with 43% gaining increased knowledge, 35% increase in income and 25% "
      "reporting improved money skills & budgeting.</p>";
  CHECK(clean_cell_text(cell) ==
        "This piece of work was not re-commissioned after end of March 2013.\n"
        "Over the life of the project: 86% of families reported the service had made a positive "
        "difference to them with 43% gaining increased knowledge, 35% increase in income and 25% "
        "reporting improved money skills & budgeting.");
}

TEST_CASE("seed 000: Word's ul without li is one list entry", "[text][seed]") {
  const std::string cell =
      "<ul style=\"list-style-type: none\"> support key services and organisations to make use "
      "of the set of training modules developed to promote understanding of household poverty "
      "and to have the skills to identify those at risk ";
  CHECK(clean_cell_text(cell) ==
        "• support key services and organisations to make use of the set of training modules "
        "developed to promote understanding of household poverty and to have the skills to "
        "identify those at risk");
}

TEST_CASE("seed 000: a paragraph then a list", "[text][seed]") {
  // The seed lost the boundaries between the four entries of this list (the truth has four
  // "• " lines); nothing in the text marks them, so the list stays one entry.
  const std::string cell =
      "<p>Action being taken includes:</p> <ul style=\"list-style-type: none\"> 10 schools "
      "working with Raising Early Achievement in Literacy (REAL). Achieving Early - 10 schools "
      "are working with this initiative ";
  CHECK(clean_cell_text(cell) ==
        "Action being taken includes:\n"
        "• 10 schools working with Raising Early Achievement in Literacy (REAL). Achieving Early "
        "- 10 schools are working with this initiative");
}

TEST_CASE("seed 000: one paragraph per line of figures", "[text][seed]") {
  const std::string cell =
      "<p>The achievement in communication skills for 2013/13 is as follows:</p> <p>Speaking "
      "and listening 76.9%</p> <p>Understanding 76.3%</p> <p>Speaking 76.3%</p>";
  CHECK(clean_cell_text(cell) ==
        "The achievement in communication skills for 2013/13 is as follows:\n"
        "Speaking and listening 76.9%\nUnderstanding 76.3%\nSpeaking 76.3%");
}

TEST_CASE("seed 001: text then a list of bullet characters", "[text][seed]") {
  const std::string cell =
      "Low birth weight rate in deprived Leeds vs Leeds as a whole <ul "
      "style=\"list-style-type: none\"> • Breastfeeding maintenance at 6 - 8 weeks • Maternity "
      "Access - full booking assessment by 12 weeks";
  CHECK(clean_cell_text(cell) ==
        "Low birth weight rate in deprived Leeds vs Leeds as a whole\n"
        "• Breastfeeding maintenance at 6 - 8 weeks\n"
        "• Maternity Access - full booking assessment by 12 weeks");
}

TEST_CASE("seed 001: Wingdings section-sign bullets", "[text][seed]") {
  const std::string cell =
      "<ul style=\"list-style-type: none\"> § Improve city wide approach to Violence against "
      "Women and Children. § Implement Community Safeguarding for response to Hate Crime and "
      "community tensions. § Deliver tailored multi agency problem solving responses to ASB and "
      "disorder issues.";
  CHECK(clean_cell_text(cell) ==
        "• Improve city wide approach to Violence against Women and Children.\n"
        "• Implement Community Safeguarding for response to Hate Crime and community tensions.\n"
        "• Deliver tailored multi agency problem solving responses to ASB and disorder issues.");
}

TEST_CASE("seed 001: plain text with people one per line is kept", "[text][seed]") {
  const std::string cell =
      "Sarah Sinclair: LCC\nAndrea Richardson: LCC\nSam Prince:LCHT\nJanice Burberry: NHS ABL";
  CHECK(clean_cell_text(cell) == cell);
}

TEST_CASE("seed 002: bullets with no space before them", "[text][seed]") {
  const std::string cell =
      "<p>2.Ensure addressing inequalities is integral to the Implementation of the following "
      "strategies:</p> <ul style=\"list-style-type: none\">• Teenage Pregnancy Strategy• "
      "Childhood obesity framework• Maternity services";
  CHECK(clean_cell_text(cell) ==
        "2.Ensure addressing inequalities is integral to the Implementation of the following "
        "strategies:\n• Teenage Pregnancy Strategy\n• Childhood obesity framework\n"
        "• Maternity services");
}

TEST_CASE("seed 003: a nested table becomes lines of cells joined by bars", "[text][seed]") {
  const std::string cell =
      "<p>15. Fall in number of mothers who smoke at delivery</p> <p>Smoking in pregnancy "
      "trajectory</p> <table border=\"1\" data-bbox=\"539 403 1144 746\"> <thead> <tr> "
      "<th></th> <th>Q1</th> <th>Q2</th> </tr> </thead> <tbody> <tr> <td>2011/12</td> "
      "<td>21.2</td> <td>20.9</td> </tr> <tr> <td>2012/13</td> <td>20</td> <td>19.7</td> "
      "</tr> </tbody> </table> <p>16. Higher percentage of mothers who successfully give up "
      "smoking</p>";
  // The empty corner cell is kept so that the columns still line up.
  CHECK(clean_cell_text(cell) ==
        "15. Fall in number of mothers who smoke at delivery\n"
        "Smoking in pregnancy trajectory\n"
        "| Q1 | Q2\n"
        "2011/12 | 21.2 | 20.9\n"
        "2012/13 | 20 | 19.7\n"
        "16. Higher percentage of mothers who successfully give up smoking");
}

TEST_CASE("seed 003: nested Word lists and square bullets", "[text][seed]") {
  const std::string cell =
      "<p>Update June 2014</p> <ul style=\"list-style-type: none\"> • 13/14 outturn 19.7 "
      "smoking at delivery • We want to assure our position <ul style=\"list-style-type: "
      "none\"> • Awaiting year end data of quitter numbers and quit rate ";
  CHECK(clean_cell_text(cell) ==
        "Update June 2014\n• 13/14 outturn 19.7 smoking at delivery\n"
        "• We want to assure our position\n"
        "• Awaiting year end data of quitter numbers and quit rate");
  CHECK(clean_cell_text("<ul style=\"list-style-type: none\"> ▪ all students making at least "
                        "good progress; ▪ no underperforming cohorts; ") ==
        "• all students making at least good progress;\n• no underperforming cohorts;");
}

TEST_CASE("seed 003: italics are just text", "[text][seed]") {
  CHECK(clean_cell_text("<p>50. Ensure there is adequate provision <i>(linked to priority 5, "
                        "delivery milestone 17)</i></p>") ==
        "50. Ensure there is adequate provision (linked to priority 5, delivery milestone 17)");
}

TEST_CASE("seed 004: underlined runs are just text", "[text][seed]") {
  const std::string cell =
      "<u>The public health outcomes framework (PHOF) shows that in 2013 the rate was higher "
      "than the England average for:</u> All persons – 56.6 vs 45.3 Men – 81.9 vs 64.7 "
      "<u>And higher , but not significantly higher for Women – 33.2 vs 28.4</u>";
  CHECK(clean_cell_text(cell) ==
        "The public health outcomes framework (PHOF) shows that in 2013 the rate was higher than "
        "the England average for: All persons – 56.6 vs 45.3 Men – 81.9 vs 64.7 And higher , "
        "but not significantly higher for Women – 33.2 vs 28.4");
  CHECK(
      clean_cell_text("<ul style=\"list-style-type: none\"> SSF campaign has been rolled out. ") ==
      "• SSF campaign has been rolled out.");
}

// --- The corpus HTML's own forms -----------------------------------------------------------------

TEST_CASE("ul/li lists give one line per entry", "[text][html]") {
  CHECK(clean_cell_text("<ul><li>maximise people's income</li><li>improve people's financial "
                        "capability</li><li>extend the availability of fair lending</li></ul>") ==
        "• maximise people's income\n• improve people's financial capability\n"
        "• extend the availability of fair lending");
  CHECK(clean_cell_text("<ol><li>first</li><li>second</li></ol>") == "• first\n• second");
  CHECK(clean_cell_text("<ul><li>outer<ul><li>inner</li></ul></li><li>next</li></ul>") ==
        "• outer\n• inner\n• next");
}

TEST_CASE("Word paragraphs, breaks and entities", "[text][html]") {
  CHECK(clean_cell_text("<p class=MsoNormal>Mar-13</p>") == "Mar-13");
  CHECK(clean_cell_text("<p class=MsoNormal>&nbsp;</p>").empty());
  CHECK(clean_cell_text("one<br>two<br/>three") == "one\ntwo\nthree");
  CHECK(clean_cell_text("<div>Health &amp; Wellbeing</div><div>Children&#8217;s Trust</div>") ==
        "Health & Wellbeing\nChildren’s Trust");
  CHECK(clean_cell_text("<h2>Heading</h2>text <b>bold</b> <span>and</span> <a "
                        "href=\"x\">link</a>") == "Heading\ntext bold and link");
  CHECK(clean_cell_text("<p>A<o:p></o:p></p><p>&lt;5 years &gt; 2</p>") == "A\n<5 years > 2");
  CHECK(clean_cell_text("<p>kept</p><!-- a comment --><style>p {color: red}</style>") == "kept");
}

TEST_CASE("Word's own list paragraphs with conditional markers", "[text][html]") {
  const std::string cell =
      "<p class=MsoListParagraph><![if !supportLists]><span style='font-family:Symbol'>·<span "
      "style='font:7.0pt'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>First point</p>"
      "<p class=MsoListParagraph><![if !supportLists]><span>o<span>&nbsp; "
      "</span></span><![endif]>Sub point</p>";
  CHECK(clean_cell_text(cell) == "• First point\n• Sub point");
}

TEST_CASE("a whole cell element passed in is read like its content", "[text][html]") {
  CHECK(clean_cell_text("<td valign=top><ul><li>a</li><li>b</li></ul></td>") == "• a\n• b");
  CHECK(clean_cell_text("<td><p>one</p><p>two</p></td>") == "one\ntwo");
}

TEST_CASE("newlines inside markup are spaces", "[text][html]") {
  CHECK(clean_cell_text("<p>one\ntwo</p>\n<p>three</p>") == "one two\nthree");
  CHECK(clean_cell_text("<pre>a\nb</pre>") == "a\nb");
}

// --- Plain text -----------------------------------------------------------------------------

TEST_CASE("plain text keeps its lines and collapses spaces", "[text][plain]") {
  CHECK(clean_cell_text("  Anna   Brook,\tSheffield City Council  ") ==
        "Anna Brook, Sheffield City Council");
  CHECK(clean_cell_text("line one\r\n\r\n  line two \n\n") == "line one\nline two");
  CHECK(clean_cell_text("a\xC2\xA0\xC2\xA0"
                        "b") == "a b");  // no-break spaces
  CHECK(clean_cell_text("").empty());
  CHECK(clean_cell_text(" \n\t ").empty());
  CHECK(clean_cell_text("money skills & budgeting") == "money skills & budgeting");
  CHECK(clean_cell_text("a < b and c > d") == "a < b and c > d");
}

TEST_CASE("bullet characters start list lines", "[text][plain]") {
  CHECK(clean_cell_text("Action being taken includes:\n• 10 schools\n• Achieving Early") ==
        "Action being taken includes:\n• 10 schools\n• Achieving Early");
  CHECK(clean_cell_text("•first\n\xEF\x82\xB7\tsecond\n▪ third\n◦ fourth\no fifth\n§ sixth") ==
        "• first\n• second\n• third\n• fourth\n• fifth\n• sixth");
  CHECK(clean_cell_text("· middle dot item") == "• middle dot item");
  CHECK(clean_cell_text("• a • b •") == "• a\n• b");
}

TEST_CASE("weak bullet characters inside prose stay", "[text][plain]") {
  CHECK(clean_cell_text("Under § 17 of the Act") == "Under § 17 of the Act");
  CHECK(clean_cell_text("one o two") == "one o two");
  CHECK(clean_cell_text("order of events") == "order of events");
  CHECK(clean_cell_text("§ TBA") == "• TBA");
}

TEST_CASE("cleaning is idempotent", "[text][plain]") {
  for (const char* raw :
       {"Anna Brook, Sheffield City Council", "a  b", "• a • b", "<ul><li>x</li><li>y</li></ul>",
        "o first\no second", "Children’s Trust – £2,712,464", " lead\n\ntrail ", "tab\there",
        "§ one § two", "R&amp;D", "line\r\nnext"}) {
    INFO(raw);
    const std::string once = clean_cell_text(raw);
    CHECK(clean_cell_text(once) == once);
  }
}

// --- Robustness -------------------------------------------------------------------------------

TEST_CASE("deeply nested markup keeps its text", "[text][robust]") {
  CHECK(clean_cell_text(repeat("<div>", 10000) + "deep" + repeat("</div>", 10000)) == "deep");
  CHECK(clean_cell_text(repeat("<b>", 10000) + "bold") == "bold");
  CHECK(clean_cell_text(repeat("<ul><li>", 10000) + "last") == "• last");
  CHECK(clean_cell_text(repeat("<table><tr><td>", 3000) + "cell") == "cell");
}

TEST_CASE("huge cells are cleaned whole", "[text][robust]") {
  const std::string paragraphs = repeat("<p>para &amp; text</p>", 20000);
  const std::string cleaned = clean_cell_text(paragraphs);
  CHECK(cleaned.size() == std::string("para & text\n").size() * 20000 - 1);
  const std::string plain = repeat("word  ", 200000);
  CHECK(clean_cell_text(plain).size() == std::string("word ").size() * 200000 - 1);
}

TEST_CASE("an ampersand that only looks like an entity survives", "[text][robust]") {
  CHECK(clean_cell_text("R&D; costs") == "R&D; costs");
  CHECK(clean_cell_text("<p>R&D costs</p>") == "R&D costs");
}

TEST_CASE("invalid UTF-8 is replaced, not crashed on", "[text][robust]") {
  CHECK(clean_cell_text("bad \xFF byte") == "bad \xEF\xBF\xBD byte");
  CHECK(clean_cell_text("<p>bad \xC3</p>") == "bad \xEF\xBF\xBD");
  CHECK(clean_cell_text(std::string("nul\0byte", 8)) == "nulbyte");
}

TEST_CASE("looks_like_html spots tags and entities only", "[text]") {
  CHECK(looks_like_html("<ul style=\"list-style-type: none\"> text"));
  CHECK(looks_like_html("text</p>"));
  CHECK(looks_like_html("one<br/>two"));
  CHECK(looks_like_html("<P CLASS=MsoNormal>x</P>"));
  CHECK(looks_like_html("A<o:p></o:p>"));
  CHECK(looks_like_html("Health &amp; Wellbeing"));
  CHECK(looks_like_html("it&#8217;s"));
  CHECK(looks_like_html("it&#x2019;s"));
  CHECK_FALSE(looks_like_html(""));
  CHECK_FALSE(looks_like_html("money skills & budgeting"));
  CHECK_FALSE(looks_like_html("<5 years"));
  CHECK_FALSE(looks_like_html("a < b > c"));
  CHECK_FALSE(looks_like_html("<unknown> tag"));
}

TEST_CASE("clean_cell_text: what hides among ordinary characters is still cleaned") {
  CHECK(clean_cell_text("o bullet") == "• bullet");
  CHECK(clean_cell_text("first\no second") == "first\n• second");
  CHECK(clean_cell_text("so o x") == "so o x");  // "o " inside a line is a word
  CHECK(clean_cell_text("a  b") == "a b");
  CHECK(clean_cell_text("x \ny") == "x\ny");
  CHECK(clean_cell_text("x\n y") == "x\ny");
  CHECK(clean_cell_text("del\x7Fx") == "delx");
  CHECK(clean_cell_text("bad \xC3 byte") == "bad \xEF\xBF\xBD byte");
  CHECK(clean_cell_text("plain text, 100%!") == "plain text, 100%!");
}

TEST_CASE("finish_cell_lines: bullet glyphs that start a line become \"• \"; inline ones stay") {
  using trackport::finish_cell_lines;
  CHECK(finish_cell_lines("· first\n\n  ▪  second  \n•\nsee • here") ==
        "• first\n• second\nsee • here");
  CHECK(finish_cell_lines("• • doubled by a list marker") == "• doubled by a list marker");
  CHECK(finish_cell_lines("\xEF\x82\xB7 Word's private-use bullet") ==
        "• Word's private-use bullet");
  CHECK(finish_cell_lines("broken \xC3 byte") == "broken \xEF\xBF\xBD byte");
  CHECK(finish_cell_lines("") == "");
}
