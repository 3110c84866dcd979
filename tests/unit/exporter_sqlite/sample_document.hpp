// A hand-built Document with every field of the model set somewhere, every Location kind, and the
// awkward values a database layer can lose: quotes, newlines, control characters, empty strings
// inside lists, a due with no printed form, repeated extra headers.
#pragma once

#include <chrono>
#include <string>

#include "model/document.hpp"

namespace trackport::test {

using namespace std::chrono_literals;

inline Location cells_at(std::string file, std::string sheet, std::string cells) {
  Location location;
  location.file = std::move(file);
  location.sheet = std::move(sheet);
  location.cells = std::move(cells);
  return location;
}

inline Location table_row(std::string file, int table, int row) {
  Location location;
  location.file = std::move(file);
  location.table = table;
  location.row = row;
  return location;
}

inline Location on_page(std::string file, std::string page) {
  Location location;
  location.file = std::move(file);
  location.page = std::move(page);
  return location;
}

inline Item full_item() {
  Item item;
  item.id = "1.1";
  item.theme = "Healthy lives";
  item.objective = "(i) We will reduce smoking";
  item.category = "Key Actions";
  item.ref = "1.1";
  item.text = "• Reduce smoking\n• Promote \"healthy\" eating, walking";
  item.measure = "Fewer smokers";
  item.baseline = "24% (2012)";
  item.target = "18% by 2016";
  item.due = Due{"Mar-13", 2013y / 3 / 1, 2013y / 3 / 31};
  item.leads = {"Jo Smith", "Public \"Health\"\\Team", "Line one\nline two\ttab"};
  item.partners = {"NHS Rotherham", "", "Bell\x07 character", "Ünïcødé – ok"};
  item.progress = "On track; see\nappendix";
  item.status = Rating::amber_green;
  item.assessments = {
      {"officer", Rating::green, "G", RatingSource::text, ""},
      {"chair", Rating::amber, "#FFC000", RatingSource::fill, "Chair: needs evidence"},
      {"Q4", Rating::amber_red, "#FF6600", RatingSource::fill, "Slipped\ntwice"}};
  item.mitigation = "Extra clinics";
  item.comments = "None";
  item.extra = {{"RAG last quarter", "A"}, {"Budget", "£10,000"}, {"Budget", ""}, {"Notes", "x"}};
  item.source = cells_at("plans/rotherham.xlsx", "Plan", "A7:J9");
  return item;
}

inline Document full_document() {
  Document document;
  document.title = "Rotherham Children and Young People’s Action Plan 2013 – 2016";
  document.organisation = "Rotherham MBC";
  document.period = "Update June 2014";
  document.source = {"plans/rotherham.xlsx", "xlsx",
                     "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"};
  document.mapping = {"rotherham-action-plan", 0.1 + 0.2, true};

  document.items.push_back(full_item());

  Item review;  // a Word table row, a due with no dates
  review.id = "r2";
  review.text = "Annual review";
  review.due = Due{"Annually", std::nullopt, std::nullopt};
  review.status = Rating::red;
  review.assessments = {{"Q1", Rating::red, "R", RatingSource::text, ""}};
  review.source = table_row("plans/plan.docx", 2, 5);
  document.items.push_back(review);

  Item spanning;  // a PDF row over two pages, a due printed as nothing
  spanning.id = "3";
  spanning.text = "Open a youth centre";
  spanning.due = Due{"", std::nullopt, 2015y / 3 / 31};
  spanning.status = Rating::blue;
  spanning.source = on_page("plans/plan.pdf", "3-4");
  document.items.push_back(spanning);

  Item bare;  // only an id: every optional column NULL, no due
  bare.id = "r4";
  document.items.push_back(bare);

  Indicator smokers;
  smokers.code = "NI 123";
  smokers.title = "Smoking quitters";
  smokers.baseline = "1,000";
  smokers.targets = {{"2010/11", "1,100"}, {"2011/12", "1,200"}};
  smokers.breakdown = {{"Cannock", "300", {{"2010/11", "320"}, {"2011/12", "340"}}},
                       {"Rugeley", "", {}},
                       {"Stafford", "200", {{"2011/12", "250"}}}};
  smokers.source = cells_at("plans/rotherham.xlsx", "Indicators", "A2:F9");
  document.indicators.push_back(smokers);
  Indicator bare_indicator;
  bare_indicator.title = "Untargeted";
  bare_indicator.source = on_page("plans/plan.pdf", "7");
  document.indicators.push_back(bare_indicator);

  Risk funding;
  funding.ref = "R1";
  funding.description = "Funding cut";
  funding.impact = "High";
  funding.likelihood = "Medium";
  funding.score = "12";
  funding.mitigation = "Seek grants";
  funding.owner = "Finance";
  funding.due = Due{"2013-14", 2013y / 4 / 1, 2014y / 3 / 31};
  funding.source = table_row("plans/plan.docx", 4, 2);
  document.risks.push_back(funding);
  Risk undated;
  undated.description = "Staff turnover";
  document.risks.push_back(undated);

  document.warnings.push_back({"unmapped-column", "Column \"Budget\" was kept in extra.",
                               cells_at("plans/rotherham.xlsx", "Plan", "K6")});
  document.warnings.push_back({"row-continued-across-page", "Row 3 continues on page 4.",
                               on_page("plans/plan.pdf", "3-4")});
  document.warnings.push_back({"header-not-found", "No header row in table 9.", Location{}});
  return document;
}

// A small document of one organisation's tracker: items keyed by ref, with the given statuses.
inline Document tracker(std::string sha256, std::string period,
                        std::vector<std::pair<std::string, Rating>> statuses,
                        std::string organisation = "Cannock Chase") {
  Document document;
  document.organisation = std::move(organisation);
  document.period = std::move(period);
  document.source = {"returns/" + sha256 + ".xlsx", "xlsx", sha256};
  document.mapping = {"generic", 1.0, false};
  for (auto& [ref, status] : statuses) {
    Item item;
    item.id = ref;
    item.ref = ref;
    item.text = "Commitment " + ref;
    item.status = status;
    item.extra = {{"Comment", "about " + ref}};
    item.assessments = {{"officer", status, "x", RatingSource::text, ""}};
    document.items.push_back(item);
  }
  return document;
}

// For the benches of the database outputs: a plan row as big as a typical council tracker's: a
// few sentences, two leads, a rating by the officer, two unplaced columns.
inline Item typical_item(std::size_t n) {
  Item item;
  item.id = std::to_string(n);
  item.ref = item.id;
  item.theme = "Priority " + std::to_string(n % 12);
  item.text =
      "We will work with partners to reduce the number of young people not in education, "
      "employment or training, item " +
      item.id;
  item.measure = "NEET rate below 5%";
  item.due = Due{"Mar-13", std::chrono::year{2013} / 3 / 1, std::chrono::year{2013} / 3 / 31};
  item.leads = {"Head of Service", "Youth Team"};
  item.partners = {"Colleges"};
  item.progress = "Work is under way; the first cohort started in January.";
  item.status = static_cast<Rating>(n % 7);
  item.assessments = {{"officer", item.status, "A", RatingSource::text, ""}};
  item.extra = {{"Budget", "£10,000"}, {"Notes", "none"}};
  item.source.file = "bench.xlsx";
  item.source.sheet = "Plan";
  item.source.cells = "A" + std::to_string(n + 2) + ":J" + std::to_string(n + 2);
  return item;
}

}  // namespace trackport::test
