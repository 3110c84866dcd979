// The normalised model (MODEL.md): what every importer produces and every exporter reads.
// Plain data, no I/O. Optional text fields are empty strings when absent.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/rating.hpp"

namespace trackport {

inline constexpr const char* kSchemaVersion = "1";
// The custom document property a standard workbook carries (docProps/custom.xml), so that a
// folder walk knows trackport's own outputs from the inputs beside them.
inline constexpr const char* kOutputProperty = "trackport-output";

// Where a value came from. Spreadsheets fill sheet + cells, Word/HTML table + row, PDF page.
struct Location {
  std::string file;
  std::string sheet;  // spreadsheets
  std::string cells;  // A1 range, e.g. "A7:J9"
  int table = 0;      // 1-based table index (docx/html/delimited), 0 = not set
  int row = 0;        // 1-based row within the table, 0 = not set
  std::string page;   // PDF: "3" or "3-4" when a row spans pages

  bool operator==(const Location&) const = default;
};

struct Due {
  std::string raw;  // exactly as printed/displayed
  std::optional<std::chrono::year_month_day> start;
  std::optional<std::chrono::year_month_day> end;

  bool operator==(const Due&) const = default;
};

struct Assessment {
  std::string by;  // "officer", "chair", "Q1", ... or the header text
  Rating rating = Rating::none;
  std::string raw;  // text as printed, or "#RRGGBB" when the rating came from a colour
  RatingSource from = RatingSource::text;
  std::string commentary;

  bool operator==(const Assessment&) const = default;
};

// An ordered (header, value) list: the source columns no mapping placed.
using ExtraFields = std::vector<std::pair<std::string, std::string>>;

struct Item {
  std::string id;
  std::string theme;
  std::string objective;
  std::string category;
  std::string ref;
  std::string text;
  std::string measure;
  std::string baseline;
  std::string target;
  std::optional<Due> due;
  std::vector<std::string> leads;
  std::vector<std::string> partners;
  std::string progress;
  Rating status = Rating::none;
  std::vector<Assessment> assessments;
  std::string mitigation;
  std::string comments;
  ExtraFields extra;
  Location source;

  bool operator==(const Item&) const = default;
};

struct PeriodValue {
  std::string period;
  std::string value;
  bool operator==(const PeriodValue&) const = default;
};

struct IndicatorBreakdown {
  std::string area;
  std::string baseline;
  std::vector<PeriodValue> targets;
  bool operator==(const IndicatorBreakdown&) const = default;
};

struct Indicator {
  std::string code;
  std::string title;
  std::string baseline;
  std::vector<PeriodValue> targets;
  std::vector<IndicatorBreakdown> breakdown;
  Location source;
  bool operator==(const Indicator&) const = default;
};

struct Risk {
  std::string ref;
  std::string description;
  std::string impact;
  std::string likelihood;
  std::string score;
  std::string mitigation;
  std::string owner;
  std::optional<Due> due;
  Location source;
  bool operator==(const Risk&) const = default;
};

struct Warning {
  std::string code;     // short and stable: "unmapped-column", "status-unrecognised", ...
  std::string message;  // a sentence a person can act on
  Location location;
  bool operator==(const Warning&) const = default;
};

struct SourceInfo {
  std::string file;
  std::string format;
  std::string sha256;
  bool operator==(const SourceInfo&) const = default;
};

struct MappingInfo {
  std::string name;
  double score = 0.0;
  bool automatic = false;  // JSON "auto"
  bool operator==(const MappingInfo&) const = default;
};

struct Document {
  std::string title;
  std::string organisation;
  std::string period;
  SourceInfo source;
  MappingInfo mapping;
  std::vector<Item> items;
  std::vector<Indicator> indicators;
  std::vector<Risk> risks;
  std::vector<Warning> warnings;

  bool operator==(const Document&) const = default;
};

}  // namespace trackport
