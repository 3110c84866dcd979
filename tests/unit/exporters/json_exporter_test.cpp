#include "exporters/json/json_exporter.hpp"

#include "exporters/exporter.hpp"

#include <catch2/catch.hpp>
#include <limits>
#include <sstream>

#include "sample_documents.hpp"

namespace trackport {
namespace {

using nlohmann::ordered_json;

std::vector<std::string> keys_of(const ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& entry : object.items()) keys.push_back(entry.key());
  return keys;
}

std::string exported(const Exporter& exporter, const std::vector<Document>& documents) {
  std::ostringstream out;
  exporter.write(documents, out);
  return out.str();
}

TEST_CASE("document_to_json uses the MODEL.md field names in order", "[json]") {
  const ordered_json json = document_to_json(test::sample_plan());
  CHECK(keys_of(json) == std::vector<std::string>{"schema_version", "title", "organisation",
                                                  "period", "source", "mapping", "items",
                                                  "indicators", "risks", "warnings"});
  CHECK(keys_of(json["items"][0]) ==
        std::vector<std::string>{"id", "theme", "objective", "category", "ref", "text", "measure",
                                 "baseline", "target", "due", "leads", "partners", "progress",
                                 "status", "assessments", "mitigation", "comments", "extra",
                                 "source"});
  CHECK(keys_of(json["items"][0]["assessments"][0]) ==
        std::vector<std::string>{"by", "rating", "raw", "from", "commentary"});
}

TEST_CASE("document_to_json writes the document's values", "[json]") {
  const ordered_json json = document_to_json(test::sample_plan());
  CHECK(json["schema_version"] == "1");
  CHECK(json["title"] == "Rotherham Children and Young People’s Action Plan 2013 – 2016");
  CHECK(json["organisation"] == "Rotherham MBC");
  CHECK(json["period"].is_null());
  CHECK(json["source"] == ordered_json::parse(R"({"file": "plans/rotherham.xlsx",
      "format": "xlsx", "sha256": "9f86d081884c7d659a2feaa0c55ad015"})"));
  CHECK(json["mapping"] ==
        ordered_json::parse(R"({"name": "rotherham-action-plan", "score": 0.875, "auto": true})"));
}

TEST_CASE("an item's JSON: due dates, ratings, assessments, extra, null for empty", "[json]") {
  const ordered_json items = document_to_json(test::sample_plan())["items"];
  const ordered_json& smoking = items[0];
  CHECK(smoking["id"] == "1.1");
  CHECK(smoking["theme"] == "Healthy lives");
  CHECK(smoking["objective"] == "(i) We will reduce smoking");
  CHECK(smoking["category"] == "Key Actions");
  CHECK(smoking["text"] == "• Reduce smoking\n• Promote \"healthy\" eating, walking");
  CHECK(smoking["baseline"].is_null());
  CHECK(smoking["target"].is_null());
  CHECK(smoking["mitigation"].is_null());
  CHECK(smoking["comments"] == "None");
  CHECK(smoking["due"] ==
        ordered_json::parse(R"({"raw": "Mar-13", "start": "2013-03-01", "end": "2013-03-31"})"));
  CHECK(smoking["leads"] == ordered_json::parse(R"(["Jo Smith", "Public Health"])"));
  CHECK(smoking["partners"] == ordered_json::parse(R"(["NHS Rotherham"])"));
  CHECK(smoking["status"] == "amber-green");
  CHECK(smoking["assessments"] == ordered_json::parse(R"([
      {"by": "officer", "rating": "green", "raw": "G", "from": "text", "commentary": null},
      {"by": "chair", "rating": "amber", "raw": "#FFC000", "from": "fill",
       "commentary": "Chair: needs evidence"}])"));
  CHECK(keys_of(smoking["extra"]) == std::vector<std::string>{"RAG last quarter", "Budget"});
  CHECK(smoking["extra"]["Budget"] == "£10,000");

  CHECK(items[1]["due"] ==
        ordered_json::parse(R"({"raw": "Annually", "start": null, "end": null})"));
  CHECK(items[1]["status"] == "red");
  CHECK(items[1]["extra"] == ordered_json::object());
  CHECK(items[2]["due"].is_null());
  CHECK(items[2]["status"] == "none");
  CHECK(items[2]["leads"] == ordered_json::array());
}

TEST_CASE("a Location holds only the keys that are set", "[json]") {
  const ordered_json items = document_to_json(test::sample_plan())["items"];
  CHECK(items[0]["source"] == ordered_json::parse(
                                  R"({"file": "plans/rotherham.xlsx", "sheet": "Plan",
                                      "cells": "A7:J9"})"));
  CHECK(items[1]["source"] == ordered_json::parse(R"({"file": "plan.docx", "table": 2,
                                                      "row": 5})"));
  CHECK(items[2]["source"] == ordered_json::parse(R"({"file": "plan.pdf", "page": "3-4"})"));
  CHECK(items[3]["source"] == ordered_json::parse(R"({"file": "plan.pdf", "page": 3})"));
  Location odd_page;
  odd_page.page = "03";
  Document document;
  document.items.resize(1);
  document.items[0].source = odd_page;
  CHECK(document_to_json(document)["items"][0]["source"]["page"] == "03");
}

TEST_CASE("indicators, risks and warnings in JSON", "[json]") {
  const ordered_json json = document_to_json(test::sample_plan());
  CHECK(json["indicators"][0] == ordered_json::parse(R"({
      "code": "NI 45", "title": "Young offenders in education", "baseline": "70%",
      "targets": [{"period": "2010/11", "value": "75%"}, {"period": "2011/12", "value": "80%"}],
      "breakdown": [{"area": "Cannock", "baseline": "68%",
                     "targets": [{"period": "2010/11", "value": "72%"}]}],
      "source": {"file": "plans/rotherham.xlsx", "sheet": "Indicators", "cells": "A2:F2"}})"));
  CHECK(json["risks"][0] == ordered_json::parse(R"({
      "ref": "R1", "description": "Funding cut", "impact": "4", "likelihood": "3", "score": "12",
      "mitigation": "Seek grants", "owner": "Director",
      "due": {"raw": "2013-14", "start": "2013-04-01", "end": "2014-03-31"},
      "source": {"file": "plans/rotherham.xlsx", "sheet": "Risks", "cells": "A2:H2"}})"));
  CHECK(json["warnings"][0] == ordered_json::parse(R"({
      "code": "unmapped-column", "message": "Column \"Budget\" was not mapped; kept in extra.",
      "location": {"file": "plans/rotherham.xlsx", "sheet": "Plan", "cells": "K6"}})"));
}

TEST_CASE("a repeated extra header keeps both values", "[json]") {
  Document document;
  Item item;
  item.extra = {{"Notes", "first"}, {"Notes", "second"}};
  document.items = {item};
  const ordered_json extra = document_to_json(document)["items"][0]["extra"];
  CHECK(extra == ordered_json::parse(R"json({"Notes": "first", "Notes (2)": "second"})json"));
}

TEST_CASE("the json exporter writes one document as an array of one, UTF-8 as is", "[json]") {
  const Document plan = test::sample_plan();
  const std::string text = exported(JsonExporter{}, {plan});
  CHECK(text.rfind("[\n  {\n    \"schema_version\": \"1\",\n    \"title\": \"Rotherham", 0) == 0);
  CHECK(text.find("2013 – 2016") != std::string::npos);
  CHECK(text.find("\\u") == std::string::npos);
  CHECK(text.back() == '\n');
  const ordered_json tree = ordered_json::array({document_to_json(plan)});
  CHECK(ordered_json::parse(text) == tree);
  // The streamed output is exactly the tree's own pretty print.
  CHECK(text == tree.dump(2, ' ', false) + "\n");
}

TEST_CASE("the json exporter writes several documents, or none, as an array", "[json]") {
  const std::vector<Document> documents = {test::sample_plan(), test::sample_tracker()};
  const std::string text = exported(JsonExporter{}, documents);
  const ordered_json expected = {document_to_json(documents[0]), document_to_json(documents[1])};
  CHECK(text == expected.dump(2, ' ', false) + "\n");
  CHECK(exported(JsonExporter{}, {}) == "[]\n");
}

// What MODEL.md says a JSON Lines output is, built from the document trees: each item's object
// with "document" (the head fields that say which document it is from) in front.
std::string expected_lines(const std::vector<Document>& documents) {
  std::string lines;
  for (const Document& document : documents) {
    const ordered_json tree = document_to_json(document);
    ordered_json head = ordered_json::object();
    for (const char* key : {"title", "organisation", "period", "source", "mapping"})
      head[key] = tree[key];
    for (const ordered_json& item : tree["items"]) {
      ordered_json line = {{"document", head}};
      for (const auto& [key, value] : item.items()) line[key] = value;
      lines += line.dump(-1, ' ', false, ordered_json::error_handler_t::replace) + "\n";
    }
  }
  return lines;
}

TEST_CASE("the jsonl exporter writes one compact item a line, naming its document", "[json]") {
  const std::vector<Document> documents = {test::sample_plan(), test::sample_tracker()};
  const std::string text = exported(JsonLinesExporter{}, documents);
  CHECK(text == expected_lines(documents));
  std::istringstream lines(text);
  std::string line;
  std::vector<ordered_json> parsed;
  while (std::getline(lines, line)) parsed.push_back(ordered_json::parse(line));
  REQUIRE(parsed.size() == documents[0].items.size() + documents[1].items.size());
  CHECK(keys_of(parsed[0]["document"]) ==
        std::vector<std::string>{"title", "organisation", "period", "source", "mapping"});
  CHECK(parsed[0]["document"]["title"] == documents[0].title);
  CHECK(parsed[0]["id"] == documents[0].items[0].id);
  CHECK(parsed[0]["text"] == documents[0].items[0].text);
  CHECK(parsed.back()["document"]["title"] == "Sheffield progress tracker");
  CHECK(parsed.back()["id"] == documents[1].items.back().id);
  CHECK(exported(JsonLinesExporter{}, {}).empty());
  Document no_items = documents[1];
  no_items.items.clear();
  CHECK(exported(JsonLinesExporter{}, {no_items}).empty());
}

// Every kind of string trouble in every kind of field, and every optional part empty or set.
Document awkward_document() {
  using namespace std::chrono_literals;
  Document document;
  document.title = "Quotes \"q\", back\\slash, tab\there, nul \x01\x1f, del \x7f";
  document.organisation = "Caf\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x98\x80";  // é – 😀
  document.period = "bad \xFF\xC3\x28 \xE2\x82";                        // invalid UTF-8
  document.source = {"dir\\file \"1\".xlsx", "xlsx", ""};
  document.mapping = {"", 0.1, false};

  Item empty;  // every optional field empty: nulls, [], {}
  Item full;
  full.id = "\n";
  full.theme = "\xC0\xAF overlong, \xED\xA0\x80 surrogate";
  full.text = "line 1\r\nline 2\b\f";
  full.due = Due{"Q3 \"2013\"", 2013y / 10 / 1, std::nullopt};
  full.leads = {"", "\xF4\x90\x80\x80"};
  full.partners = {"a/b"};
  full.progress = "\xE2\x80\xA2 done\n\xE2\x80\xA2 next";
  full.status = Rating::blue;
  full.assessments = {{"by \"x\"", Rating::none, "?", RatingSource::text, "\t"}};
  full.extra = {{"A", "1"}, {"A (2)", "2"}, {"A", "3"}, {"\xFF", "\x80"}, {"", ""}};
  full.source.file = "f";
  full.source.table = 3;
  full.source.row = 12;
  full.source.page = "03";
  Item paged;
  paged.source.page = "12345678";
  Item long_page;
  long_page.source.page = "123456789";
  document.items = {empty, full, paged, long_page};

  Indicator indicator;  // empty targets and breakdown
  Indicator with_breakdown;
  with_breakdown.breakdown = {{"Area \"1\"", "", {}}, {"", "5", {{"p", "v\n"}}}};
  document.indicators = {indicator, with_breakdown};
  Risk risk;
  risk.due = Due{"", std::nullopt, 2014y / 3 / 31};
  document.risks = {risk, Risk{}};
  document.warnings = {Warning{}, {"c\x01", "m\xC3", {"f", "s", "c", 1, 2, "3-4"}}};
  return document;
}

TEST_CASE("the json exporter matches nlohmann's dump on awkward text and empty parts", "[json]") {
  constexpr auto replace = ordered_json::error_handler_t::replace;
  const Document awkward = awkward_document();
  Document no_score = awkward;
  no_score.mapping.score = std::numeric_limits<double>::quiet_NaN();  // nlohmann writes null
  Document whole_score = test::sample_tracker();
  whole_score.mapping.score = 1.0;
  Document empty;
  for (const Document& document : {awkward, no_score, whole_score, empty}) {
    const ordered_json tree = ordered_json::array({document_to_json(document)});
    CHECK(exported(JsonExporter{}, {document}) == tree.dump(2, ' ', false, replace) + "\n");
    CHECK(exported(JsonLinesExporter{}, {document}) == expected_lines({document}));
    std::ostringstream whole;
    write_documents_a_line({document}, whole);
    CHECK(whole.str() == tree[0].dump(-1, ' ', false, replace) + "\n");
  }
  const std::vector<Document> several = {awkward, empty, test::sample_plan()};
  ordered_json trees = ordered_json::array();
  for (const auto& document : several) trees.push_back(document_to_json(document));
  CHECK(exported(JsonExporter{}, several) == trees.dump(2, ' ', false, replace) + "\n");
  CHECK(exported(JsonLinesExporter{}, several) == expected_lines(several));
}

TEST_CASE("the json exporter writes pages, repeated extra headers and U+FFFD", "[json]") {
  const ordered_json json =
      ordered_json::parse(exported(JsonExporter{}, {awkward_document()})).at(0);
  const ordered_json& items = json["items"];
  CHECK(items[0]["source"] == ordered_json::parse(R"({"file": ""})"));
  CHECK(items[0]["extra"] == ordered_json::object());
  CHECK(items[0]["due"].is_null());
  CHECK(items[1]["source"]["page"] == "03");
  CHECK(items[2]["source"]["page"] == 12345678);
  CHECK(items[3]["source"]["page"] == "123456789");
  CHECK(items[1]["extra"] == ordered_json::parse(R"json({"A": "1", "A (2)": "2", "A (3)": "3",
                                                     "\ufffd": "\ufffd", "": ""})json"));
  CHECK(json["period"] == "bad \xEF\xBF\xBD\xEF\xBF\xBD( \xEF\xBF\xBD");
  CHECK(json["warnings"][1]["location"]["page"] == "3-4");
}

TEST_CASE("JSON reads back into the same documents", "[json]") {
  const std::vector<Document> documents = {test::sample_plan(), test::sample_tracker()};
  const auto parsed = ordered_json::parse(exported(JsonExporter{}, documents));
  CHECK(documents_from_json(parsed) == documents);
  CHECK(document_from_json(parsed[0]) == documents[0]);

  const auto single = ordered_json::parse(exported(JsonExporter{}, {documents[1]}));
  CHECK(documents_from_json(single) == std::vector<Document>{documents[1]});
  // Plain json sorts object keys, so only extra's order may differ.
  Document unordered = document_from_json(nlohmann::json::parse(parsed[0].dump()));
  CHECK(unordered.items[0].extra == ExtraFields{{"Budget", "£10,000"}, {"RAG last quarter", "A"}});
  unordered.items[0].extra = documents[0].items[0].extra;
  CHECK(unordered == documents[0]);
}

TEST_CASE("JSON reads back indicators and risks of every shape", "[json]") {
  using namespace std::chrono_literals;
  Document document = test::sample_tracker();
  Indicator full = test::sample_plan().indicators.at(0);
  full.breakdown.push_back({"Rugeley", "", {}});  // an area with no baseline and no targets
  Indicator bare;                                 // no code, baseline, targets or breakdown
  bare.title = "Untargeted";
  bare.source.file = "sheffield.csv";
  bare.source.page = "7";
  document.indicators = {full, bare};
  Risk scored = test::sample_plan().risks.at(0);
  Risk unscored;  // no score, a due with no dates
  unscored.ref = "R2";
  unscored.description = "Staff turnover";
  unscored.impact = "High";
  unscored.due = Due{"Ongoing", std::nullopt, std::nullopt};
  Risk end_only;  // a due with only an end
  end_only.description = "Winter";
  end_only.due = Due{"", std::nullopt, 2014y / 12 / 31};
  Risk undated;
  undated.description = "Data quality";
  document.risks = {scored, unscored, end_only, undated};

  const auto read = documents_from_json(ordered_json::parse(exported(JsonExporter{}, {document})));
  REQUIRE(read.size() == 1);
  CHECK(read[0].indicators == document.indicators);
  CHECK(read[0].risks == document.risks);
  CHECK(read[0] == document);
}

TEST_CASE("whole documents a line (a worker's hand-back) read back line by line", "[json]") {
  const std::vector<Document> documents = {test::sample_plan(), test::sample_tracker()};
  std::ostringstream out;
  write_documents_a_line(documents, out);
  std::istringstream lines(out.str());
  std::string line;
  std::vector<Document> read;
  while (std::getline(lines, line)) read.push_back(document_from_json(ordered_json::parse(line)));
  CHECK(read == documents);
}

TEST_CASE("malformed JSON is refused with the path of the problem", "[json]") {
  using Catch::Matchers::Contains;
  auto with_item = [](const char* item_json) {
    ordered_json json = document_to_json(test::sample_tracker());
    json["items"][0].update(ordered_json::parse(item_json));
    return json;
  };
  CHECK_THROWS_WITH(document_from_json(with_item(R"({"status": "purple"})")),
                    Contains("items[0].status") && Contains("purple"));
  CHECK_THROWS_WITH(
      document_from_json(with_item(R"({"due": {"raw": "x", "start": "2013-13-45"}})")),
      Contains("items[0].due.start"));
  CHECK_THROWS_WITH(document_from_json(with_item(R"({"leads": "Jo"})")),
                    Contains("items[0].leads") && Contains("array"));
  CHECK_THROWS_WITH(document_from_json(with_item(R"({"text": 5})")),
                    Contains("items[0].text") && Contains("string"));
  CHECK_THROWS_WITH(document_from_json(with_item(R"({"source": {"row": "two"}})")),
                    Contains("items[0].source.row"));
  CHECK_THROWS_WITH(document_from_json(ordered_json::parse(R"({"schema_version": "2"})")),
                    Contains("schema_version"));
  CHECK_THROWS_WITH(document_from_json(ordered_json::parse(R"({"items": {}})")),
                    Contains("items") && Contains("array"));
  CHECK_THROWS_AS(document_from_json(ordered_json::parse("[1, 2]")), std::runtime_error);
  CHECK_THROWS_WITH(documents_from_json(ordered_json::parse(R"([{}, {"mapping": {"auto": 1}}])")),
                    Contains("[1].mapping.auto"));
}

TEST_CASE("JSON, JSON Lines and CSV written document by document are the whole write's bytes",
          "[json][csv]") {
  const std::vector<Document> documents = {test::sample_plan(), test::sample_tracker()};
  for (const auto& exporter : exporters()) {
    if (exporter->writes_in_place() || !exporter->can_stream()) continue;
    for (std::size_t count : {std::size_t{0}, std::size_t{1}, documents.size()}) {
      const std::vector<Document> some(documents.begin(),
                                       documents.begin() + static_cast<std::ptrdiff_t>(count));
      std::ostringstream out;
      auto writer = exporter->open_writer(out);
      for (const auto& document : some) writer->append(document);
      writer->finish();
      INFO(exporter->name() << ", " << count << " documents");
      CHECK(out.str() == exported(*exporter, some));
    }
  }
}

}  // namespace
}  // namespace trackport
