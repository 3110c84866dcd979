// Model -> rows, for every database output: one document's rows through statements prepared once
// and reused across rows and documents.
#include "exporters/database/document_writer.hpp"

#include <cstdio>
#include <initializer_list>
#include <optional>
#include <string>

#include "exporters/database/item_tracks.hpp"
#include "model/due.hpp"
#include "model/rating.hpp"

namespace trackport::sql {
namespace {

// "INSERT INTO table (a, b) VALUES (?, ?)": built from the column names only, never from values.
// A parent row's insert ends in RETURNING id, which both engines read as one row.
enum class NewId { wanted, not_wanted };

std::string insert_sql(std::string_view table, std::initializer_list<std::string_view> columns,
                       NewId new_id = NewId::not_wanted) {
  std::string names;
  std::string placeholders;
  for (const auto column : columns) {
    if (!names.empty()) {
      names += ", ";
      placeholders += ", ";
    }
    names += column;
    placeholders += '?';
  }
  return "INSERT INTO " + std::string(table) + " (" + names + ") VALUES (" + placeholders + ")" +
         (new_id == NewId::wanted ? " RETURNING id" : "");
}

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(byte));
      out += escaped;
    } else {
      out += c;  // UTF-8 passes through as is
    }
  }
  out += '"';
}

// ["Jo Smith","Public Health"]: SQLite's json_each() reads it back; a name may hold any text.
std::string json_string_array(const std::vector<std::string>& values) {
  std::string out = "[";
  for (const auto& value : values) {
    if (out.size() > 1) out += ',';
    append_json_string(out, value);
  }
  out += ']';
  return out;
}

// Binds a statement's parameters left to right, so each insert reads in its column order.
class Parameters {
 public:
  explicit Parameters(Statement& statement) : statement_(statement) {}

  Parameters& text(std::string_view value) {
    statement_.bind_text(next_++, value);
    return *this;
  }
  // The model keeps absent text as "": stored as NULL.
  Parameters& optional_text(std::string_view value) {
    if (value.empty()) return null();
    return text(value);
  }
  Parameters& text_or_null(const std::optional<std::string>& value) {
    return value ? text(*value) : null();
  }
  Parameters& integer(std::int64_t value) {
    statement_.bind_int(next_++, value);
    return *this;
  }
  // Location's table and row use 0 for "not set": stored as NULL.
  Parameters& optional_integer(int value) { return value == 0 ? null() : integer(value); }
  Parameters& real(double value) {
    statement_.bind_double(next_++, value);
    return *this;
  }
  Parameters& null() {
    statement_.bind_null(next_++);
    return *this;
  }
  Parameters& date(const std::optional<std::chrono::year_month_day>& day) {
    return day ? text(iso_date(*day)) : null();
  }
  Parameters& rating(Rating value) { return text(rating_name(value)); }
  // due_raw, due_start, due_end. due_raw is NULL only when there is no due at all, so a due with
  // an empty printed form still reads back as present.
  Parameters& due(const std::optional<Due>& value) {
    if (!value) return null().null().null();
    return text(value->raw).date(value->start).date(value->end);
  }
  // track_id, matched_by, previous_item, match_similarity.
  Parameters& link(const ItemLink& value) {
    value.track_id ? integer(*value.track_id) : null();
    text_or_null(value.matched_by);
    value.previous_item ? integer(*value.previous_item) : null();
    return value.similarity ? real(*value.similarity) : null();
  }
  // file, sheet, cells, table, row, page.
  Parameters& location(const Location& value) {
    return optional_text(value.file)
        .optional_text(value.sheet)
        .optional_text(value.cells)
        .optional_integer(value.table)
        .optional_integer(value.row)
        .optional_text(value.page);
  }

 private:
  Statement& statement_;
  int next_ = 1;
};

}  // namespace

// The statements of every table, prepared once.
class RowWriter {
 public:
  explicit RowWriter(Connection& db)
      : db_(db),
        delete_same_source_(db.prepare("DELETE FROM documents WHERE sha256 = ?")),
        insert_document_(
            db.prepare(insert_sql("documents",
                                  {"file", "format", "sha256", "title", "organisation", "period",
                                   "period_end", "mapping_name", "mapping_score", "mapping_auto",
                                   "item_count", "warning_count", "plan_key"},
                                  NewId::wanted))),
        insert_item_(db.prepare(insert_sql(
            "items",
            {"document_id", "position",     "item_id",      "theme",         "objective",
             "category",    "ref",          "text",         "measure",       "baseline",
             "target",      "due_raw",      "due_start",    "due_end",       "leads",
             "partners",    "progress",     "status",       "mitigation",    "comments",
             "source_file", "source_sheet", "source_cells", "source_table",  "source_row",
             "source_page", "track_id",     "matched_by",   "previous_item", "match_similarity"},
            NewId::wanted))),
        insert_item_with_id_(db.prepare(
            insert_sql("items", {"id",           "document_id",   "position",        "item_id",
                                 "theme",        "objective",     "category",        "ref",
                                 "text",         "measure",       "baseline",        "target",
                                 "due_raw",      "due_start",     "due_end",         "leads",
                                 "partners",     "progress",      "status",          "mitigation",
                                 "comments",     "source_file",   "source_sheet",    "source_cells",
                                 "source_table", "source_row",    "source_page",     "track_id",
                                 "matched_by",   "previous_item", "match_similarity"},
                       NewId::wanted))),
        insert_assessment_(
            db.prepare(insert_sql("assessments", {"item_id", "position", "assessed_by", "rating",
                                                  "raw", "rating_from", "commentary"}))),
        insert_extra_(db.prepare(insert_sql("extra", {"item_id", "position", "header", "value"}))),
        insert_indicator_(db.prepare(insert_sql(
            "indicators",
            {"document_id", "position", "code", "title", "baseline", "source_file", "source_sheet",
             "source_cells", "source_table", "source_row", "source_page"},
            NewId::wanted))),
        insert_breakdown_(db.prepare(insert_sql("indicator_breakdown",
                                                {"indicator_id", "position", "area", "baseline"},
                                                NewId::wanted))),
        insert_target_(db.prepare(insert_sql(
            "indicator_targets", {"indicator_id", "breakdown_id", "position", "period", "value"}))),
        insert_risk_(db.prepare(insert_sql(
            "risks",
            {"document_id", "position", "ref", "description", "impact", "likelihood", "score",
             "mitigation", "owner", "due_raw", "due_start", "due_end", "source_file",
             "source_sheet", "source_cells", "source_table", "source_row", "source_page"}))),
        insert_warning_(db.prepare(insert_sql(
            "warnings",
            {"document_id", "position", "code", "message", "location_file", "location_sheet",
             "location_cells", "location_table", "location_row", "location_page"}))) {}

  void write(const Document& document) {
    if (!document.source.sha256.empty()) {
      delete_same_source_->bind_text(1, document.source.sha256);
      delete_same_source_->run();
    }
    const std::int64_t document_row = insert_document(document);
    PlanTracker tracker(db_, document_row);
    const auto links = tracker.links_for(document.items);
    const auto item_ids = db_.reserve_ids("items", document.items.size());
    for (std::size_t i = 0; i < document.items.size(); ++i) {
      insert_item(document_row, i, document.items[i], links[i],
                  item_ids ? std::optional((*item_ids)[i]) : std::nullopt);
    }
    tracker.finish();
    for (std::size_t i = 0; i < document.indicators.size(); ++i) {
      insert_indicator(document_row, i, document.indicators[i]);
    }
    for (std::size_t i = 0; i < document.risks.size(); ++i) {
      insert_risk(document_row, i, document.risks[i]);
    }
    for (std::size_t i = 0; i < document.warnings.size(); ++i) {
      insert_warning(document_row, i, document.warnings[i]);
    }
  }

 private:
  static std::int64_t count(std::size_t n) { return static_cast<std::int64_t>(n); }

  std::int64_t insert_document(const Document& document) {
    Parameters(*insert_document_)
        .optional_text(document.source.file)
        .optional_text(document.source.format)
        .optional_text(document.source.sha256)
        .optional_text(document.title)
        .optional_text(document.organisation)
        .optional_text(document.period)
        .text_or_null(period_end(document.period))
        .optional_text(document.mapping.name)
        .real(document.mapping.score)
        .integer(document.mapping.automatic ? 1 : 0)
        .integer(count(document.items.size()))
        .integer(count(document.warnings.size()))
        .text(plan_key_of(document));
    return insert_document_->insert();
  }

  // `id`: the row's id when the connection gave ids ahead (reserve_ids), so the insert need not
  // wait for the server to say it.
  void insert_item(std::int64_t document_row, std::size_t position, const Item& item,
                   const ItemLink& link, std::optional<std::int64_t> id) {
    Statement& statement = id ? *insert_item_with_id_ : *insert_item_;
    Parameters parameters(statement);
    if (id) parameters.integer(*id);
    parameters.integer(document_row)
        .integer(count(position))
        .optional_text(item.id)
        .optional_text(item.theme)
        .optional_text(item.objective)
        .optional_text(item.category)
        .optional_text(item.ref)
        .optional_text(item.text)
        .optional_text(item.measure)
        .optional_text(item.baseline)
        .optional_text(item.target)
        .due(item.due)
        .text(json_string_array(item.leads))
        .text(json_string_array(item.partners))
        .optional_text(item.progress)
        .rating(item.status)
        .optional_text(item.mitigation)
        .optional_text(item.comments)
        .location(item.source)
        .link(link);
    std::int64_t item_row = 0;
    if (id) {
      statement.run();
      item_row = *id;
    } else {
      item_row = statement.insert();
    }
    for (std::size_t i = 0; i < item.assessments.size(); ++i) {
      insert_assessment(item_row, i, item.assessments[i]);
    }
    for (std::size_t i = 0; i < item.extra.size(); ++i) {
      Parameters(*insert_extra_)
          .integer(item_row)
          .integer(count(i))
          .optional_text(item.extra[i].first)
          .optional_text(item.extra[i].second);
      insert_extra_->run();
    }
  }

  void insert_assessment(std::int64_t item_row, std::size_t position,
                         const Assessment& assessment) {
    Parameters(*insert_assessment_)
        .integer(item_row)
        .integer(count(position))
        .optional_text(assessment.by)
        .rating(assessment.rating)
        .optional_text(assessment.raw)
        .text(rating_source_name(assessment.from))
        .optional_text(assessment.commentary);
    insert_assessment_->run();
  }

  void insert_indicator(std::int64_t document_row, std::size_t position,
                        const Indicator& indicator) {
    Parameters(*insert_indicator_)
        .integer(document_row)
        .integer(count(position))
        .optional_text(indicator.code)
        .optional_text(indicator.title)
        .optional_text(indicator.baseline)
        .location(indicator.source);
    const std::int64_t indicator_row = insert_indicator_->insert();
    insert_targets(indicator_row, std::nullopt, indicator.targets);
    for (std::size_t i = 0; i < indicator.breakdown.size(); ++i) {
      const auto& breakdown = indicator.breakdown[i];
      Parameters(*insert_breakdown_)
          .integer(indicator_row)
          .integer(count(i))
          .optional_text(breakdown.area)
          .optional_text(breakdown.baseline);
      insert_targets(indicator_row, insert_breakdown_->insert(), breakdown.targets);
    }
  }

  // An indicator's own targets have no breakdown_id; an area's targets have its breakdown's.
  void insert_targets(std::int64_t indicator_row, std::optional<std::int64_t> breakdown_row,
                      const std::vector<PeriodValue>& targets) {
    for (std::size_t i = 0; i < targets.size(); ++i) {
      Parameters parameters(*insert_target_);
      parameters.integer(indicator_row);
      if (breakdown_row) {
        parameters.integer(*breakdown_row);
      } else {
        parameters.null();
      }
      parameters.integer(count(i)).optional_text(targets[i].period).optional_text(targets[i].value);
      insert_target_->run();
    }
  }

  void insert_risk(std::int64_t document_row, std::size_t position, const Risk& risk) {
    Parameters(*insert_risk_)
        .integer(document_row)
        .integer(count(position))
        .optional_text(risk.ref)
        .optional_text(risk.description)
        .optional_text(risk.impact)
        .optional_text(risk.likelihood)
        .optional_text(risk.score)
        .optional_text(risk.mitigation)
        .optional_text(risk.owner)
        .due(risk.due)
        .location(risk.source);
    insert_risk_->run();
  }

  void insert_warning(std::int64_t document_row, std::size_t position, const Warning& warning) {
    Parameters(*insert_warning_)
        .integer(document_row)
        .integer(count(position))
        .optional_text(warning.code)
        .optional_text(warning.message)
        .location(warning.location);
    insert_warning_->run();
  }

  Connection& db_;
  std::unique_ptr<Statement> delete_same_source_;
  std::unique_ptr<Statement> insert_document_;
  std::unique_ptr<Statement> insert_item_;
  std::unique_ptr<Statement> insert_item_with_id_;
  std::unique_ptr<Statement> insert_assessment_;
  std::unique_ptr<Statement> insert_extra_;
  std::unique_ptr<Statement> insert_indicator_;
  std::unique_ptr<Statement> insert_breakdown_;
  std::unique_ptr<Statement> insert_target_;
  std::unique_ptr<Statement> insert_risk_;
  std::unique_ptr<Statement> insert_warning_;
};

// "Update June 2014" -> "2014-06-30": the end date of the first tail of the label that reads as
// a date, so documents of one plan can be put in period order. Labels such as "Quarter two" give
// none.
std::optional<std::string> period_end(std::string_view period) {
  std::size_t start = 0;
  while (start < period.size()) {
    const Due due = parse_due(period.substr(start));
    if (due.end) return iso_date(*due.end);
    const auto space = period.find(' ', start);
    if (space == std::string_view::npos) break;
    start = space + 1;
  }
  return std::nullopt;
}

std::string plan_key_of(const Document& document) {
  return plan_key(document.organisation, document.title, document.period, document.mapping.name);
}

DocumentWriter::DocumentWriter(Connection& db) : rows_(std::make_unique<RowWriter>(db)) {}

DocumentWriter::~DocumentWriter() = default;

void DocumentWriter::write(const Document& document) {
  rows_->write(document);
}

}  // namespace trackport::sql
