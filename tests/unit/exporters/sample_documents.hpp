// Hand-built Documents for the exporter tests: every field set somewhere, every Location kind.
#pragma once

#include <chrono>

#include "model/document.hpp"

namespace trackport::test {

using namespace std::chrono_literals;

inline Location sheet_location(const char* file, const char* sheet, const char* cells) {
  Location location;
  location.file = file;
  location.sheet = sheet;
  location.cells = cells;
  return location;
}

inline Document sample_plan() {
  Document document;
  document.title = "Rotherham Children and Young People’s Action Plan 2013 – 2016";
  document.organisation = "Rotherham MBC";
  document.source = {"plans/rotherham.xlsx", "xlsx", "9f86d081884c7d659a2feaa0c55ad015"};
  document.mapping = {"rotherham-action-plan", 0.875, true};

  Item smoking;
  smoking.id = "1.1";
  smoking.theme = "Healthy lives";
  smoking.objective = "(i) We will reduce smoking";
  smoking.category = "Key Actions";
  smoking.ref = "1.1";
  smoking.text = "• Reduce smoking\n• Promote \"healthy\" eating, walking";
  smoking.measure = "Fewer smokers";
  smoking.due = Due{"Mar-13", 2013y / 3 / 1, 2013y / 3 / 31};
  smoking.leads = {"Jo Smith", "Public Health"};
  smoking.partners = {"NHS Rotherham"};
  smoking.progress = "On track";
  smoking.status = Rating::amber_green;
  smoking.assessments = {
      {"officer", Rating::green, "G", RatingSource::text, ""},
      {"chair", Rating::amber, "#FFC000", RatingSource::fill, "Chair: needs evidence"}};
  smoking.comments = "None";
  smoking.extra = {{"RAG last quarter", "A"}, {"Budget", "£10,000"}};
  smoking.source = sheet_location("plans/rotherham.xlsx", "Plan", "A7:J9");

  Item review;
  review.id = "r2";
  review.theme = "Healthy lives";
  review.text = "Annual review";
  review.due = Due{"Annually", std::nullopt, std::nullopt};
  review.status = Rating::red;
  review.assessments = {{"Q1", Rating::red, "R", RatingSource::text, ""}};
  review.source.file = "plan.docx";
  review.source.table = 2;
  review.source.row = 5;

  Item spanning;
  spanning.id = "3";
  spanning.theme = "Safe";
  spanning.text = "Row over two pages";
  spanning.source.file = "plan.pdf";
  spanning.source.page = "3-4";

  Item one_page;
  one_page.id = "4";
  one_page.theme = "Safe";
  one_page.text = "Row on one page";
  one_page.source.file = "plan.pdf";
  one_page.source.page = "3";

  document.items = {smoking, review, spanning, one_page};

  Indicator indicator;
  indicator.code = "NI 45";
  indicator.title = "Young offenders in education";
  indicator.baseline = "70%";
  indicator.targets = {{"2010/11", "75%"}, {"2011/12", "80%"}};
  indicator.breakdown = {{"Cannock", "68%", {{"2010/11", "72%"}}}};
  indicator.source = sheet_location("plans/rotherham.xlsx", "Indicators", "A2:F2");
  document.indicators = {indicator};

  Risk risk;
  risk.ref = "R1";
  risk.description = "Funding cut";
  risk.impact = "4";
  risk.likelihood = "3";
  risk.score = "12";
  risk.mitigation = "Seek grants";
  risk.owner = "Director";
  risk.due = Due{"2013-14", 2013y / 4 / 1, 2014y / 3 / 31};
  risk.source = sheet_location("plans/rotherham.xlsx", "Risks", "A2:H2");
  document.risks = {risk};

  document.warnings = {{"unmapped-column", "Column \"Budget\" was not mapped; kept in extra.",
                        sheet_location("plans/rotherham.xlsx", "Plan", "K6")}};
  return document;
}

// A second, plainer document: no indicators, risks or warnings.
inline Document sample_tracker() {
  Document document;
  document.title = "Sheffield progress tracker";
  document.period = "Quarter two";
  document.source = {"sheffield.csv", "csv", ""};
  document.mapping = {"generic", 0.5, false};
  Item item;
  item.id = "r1";
  item.text = "Poverty proofing";
  item.status = Rating::green;
  item.source.file = "sheffield.csv";
  item.source.table = 1;
  item.source.row = 2;
  document.items = {item};
  return document;
}

}  // namespace trackport::test
