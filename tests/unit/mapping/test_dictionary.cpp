// The header dictionary (mappings/generic.yaml): one test per synonym group, and the names that
// a looser name must not take.
#include <catch2/catch.hpp>

#include "mapping/engine.hpp"
#include "support/table_builder.hpp"

using namespace trackport;
using trackport::testing::make_table;

namespace {

// The field the dictionary gives `header`, in a table of "Action | header | Lead | Measure" (or,
// when the header itself names the commitment, "header | Lead | Due").
std::string field_of(const std::string& header) {
  const bool is_text_header = [&] {
    auto alone = make_table(
        {{header, "Lead", "Due"}, {"Publish the plan for consultation", "Jo Bloggs", "Mar-25"}});
    auto decision = decide_table(alone);
    return decision.plan && decision.plan->columns[0].rule &&
           decision.plan->columns[0].rule->field == Field::text &&
           decision.plan->columns[0].evidence.tier == EvidenceTier::dictionary;
  }();
  if (is_text_header) return "text";
  auto table = make_table({{"Action", header, "Lead", "Measure"},
                           {"Publish the plan for consultation", "x", "Jo Bloggs", "y"}});
  auto decision = decide_table(table);
  REQUIRE(decision.plan);
  const auto& column = decision.plan->columns[1];
  // A field the other columns already give: the header still read as it.
  if (!column.lost_to.empty()) return std::string(field_name(column.lost_field));
  if (!column.rule || column.evidence.tier != EvidenceTier::dictionary) return "extra";
  return std::string(field_name(column.rule->field));
}

void check_group(const std::string& field, std::initializer_list<const char*> headers) {
  for (const char* header : headers) {
    INFO(header);
    CHECK(field_of(header) == field);
  }
}

}  // namespace

TEST_CASE("dictionary: references") {
  check_group("ref", {"Ref", "Reference", "Ref No.", "Action no.", "No.", "ID", "Item",
                      "Project ref", "Reference number"});
}

TEST_CASE("dictionary: commitments") {
  check_group("text", {"Action", "Actions", "What will we do?", "What we will do", "Key actions",
                       "Deliverable", "Key deliverables", "Milestone", "Delivery milestones",
                       "Commitment", "Our commitments", "Activity", "Task", "Description",
                       "Recommendation", "Initiative"});
}

TEST_CASE("dictionary: themes, objectives and categories") {
  check_group("theme", {"Theme", "Priority", "Strategic priority", "Challenge", "Workstream",
                        "Work stream", "Programme", "Strategic outcome", "Outcome area",
                        "Priority area", "Ambition", "Pillar"});
  check_group("objective", {"Objective", "Sub-priority", "Sub priority", "Sub-theme", "Aim",
                            "Priority action", "Outcome", "Project", "Project name"});
  check_group("category", {"Category", "Type", "Outcome type", "Outcome level", "Action type"});
}

TEST_CASE("dictionary: leads and partners") {
  check_group("leads", {"Lead", "Lead officer", "Lead/s", "SRO", "Senior responsible owner",
                        "Responsible officer", "Owner", "Action owner", "Accountable officer",
                        "Project manager", "Lead organisation", "Who", "Portfolio holder"});
  check_group("partners",
              {"Partners", "Delivery partners", "Who will deliver this", "Contributing officers",
               "Supported by", "Key stakeholders", "Contributors"});
}

TEST_CASE("dictionary: due dates") {
  check_group("due", {"By when", "Due", "Due date", "Deadline", "Target date", "Completion date",
                      "Go-live", "Go live date", "Timescale", "Timeline", "Timeframe", "End date",
                      "Milestone date", "Target completion", "When"});
}

TEST_CASE("dictionary: ratings") {
  check_group("rating", {"RAG", "RAG status", "BRAG", "B/RAG", "Status", "Overall status",
                         "Delivery confidence", "Confidence", "Rating", "Progress RAG",
                         "Officer RAG", "Traffic light", "Progress assessment - RAG"});
}

TEST_CASE("dictionary: progress, measures, mitigation and comments") {
  check_group("progress",
              {"Progress", "Update", "Latest update", "Progress update", "Narrative", "Commentary",
               "Position statement", "Current position", "Progress to date", "Status update",
               "RAG commentary", "Please give latest performance against indicators"});
  check_group("measure", {"Measure", "How will we know", "How we will measure success", "KPI",
                          "Performance indicator", "Success criteria", "Milestone / target",
                          "Milestone or target"});
  check_group("mitigation", {"Mitigation", "Mitigating actions", "Next steps", "Recovery actions",
                             "Actions to get back on track", "Remedial action"});
  check_group("comments", {"Comments", "Any other comments", "Notes", "Officer response",
                           "Officer reply", "Remarks"});
  check_group("baseline", {"Baseline", "Baseline 2023/24"});
  check_group("target", {"Target value", "Annual target"});
}

TEST_CASE("dictionary: columns with no model field are known, and kept in extra") {
  check_group("ignore",
              {"Last updated", "Date last updated", "Review date", "Budget", "Spend to date",
               "Cost", "Ward", "Directorate", "Cost centre", "Percent complete", "Updated by"});
}

TEST_CASE("dictionary: a specific name is not taken by a looser one") {
  CHECK(field_of("Last updated") != "progress");       // not an update
  CHECK(field_of("Milestone / target") == "measure");  // not a milestone
  CHECK(field_of("Action owner") == "leads");          // not an action
  CHECK(field_of("Forecast completion date") == "due");
  CHECK(field_of("Status update") == "progress");  // not a rating
  CHECK(field_of("Targeting") == "extra");         // not a target
  CHECK(field_of("Leadership") == "leads");        // names that start like one still read so
}
