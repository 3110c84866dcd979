// Database -> model: a fixed number of queries per document, each child table read in one pass
// ordered by (parent position, position).
#include "exporters/database/document_reader.hpp"

#include <cstdint>
#include <stdexcept>

#include "model/due.hpp"
#include "model/rating.hpp"

namespace trackport::sql {
namespace {

[[noreturn]] void corrupt(const Connection& db, const std::string& what) {
  throw std::runtime_error(db.name() + ": not a valid trackport database: " + what);
}

// Reads a row's columns left to right, the mirror of the writer's Parameters.
class Columns {
 public:
  Columns(const Connection& db, const Statement& row) : db_(db), row_(row) {}

  std::string text() { return row_.text(next_++); }
  std::int64_t integer() { return row_.integer(next_++); }
  int small_integer() { return static_cast<int>(row_.integer(next_++)); }
  double real() { return row_.real(next_++); }
  std::size_t position() {
    const std::int64_t value = integer();
    if (value < 0) corrupt(db_, "negative position");
    return static_cast<std::size_t>(value);
  }
  Rating rating() {
    const std::string name = text();
    const auto value = rating_from_name(name);
    if (!value) corrupt(db_, "unknown rating \"" + name + "\"");
    return *value;
  }
  std::optional<std::chrono::year_month_day> date() {
    if (row_.is_null(next_)) {
      ++next_;
      return std::nullopt;
    }
    const std::string text_form = text();
    const auto day = parse_iso_date(text_form);
    if (!day) corrupt(db_, "date \"" + text_form + "\" is not YYYY-MM-DD");
    return day;
  }
  // due_raw, due_start, due_end; no due when due_raw is NULL.
  std::optional<Due> due() {
    if (row_.is_null(next_)) {
      next_ += 3;
      return std::nullopt;
    }
    Due value;
    value.raw = text();
    value.start = date();
    value.end = date();
    return value;
  }
  // file, sheet, cells, table, row, page.
  Location location() {
    Location value;
    value.file = text();
    value.sheet = text();
    value.cells = text();
    value.table = small_integer();
    value.row = small_integer();
    value.page = text();
    return value;
  }

 private:
  const Connection& db_;
  const Statement& row_;
  int next_ = 0;
};

// The element a child row belongs to, by its parent's position.
template <typename T>
T& at_position(const Connection& db, std::vector<T>& values, std::size_t position) {
  if (position >= values.size()) corrupt(db, "a row refers to a missing parent");
  return values[position];
}

constexpr const char* kLocationColumns =
    "source_file, source_sheet, source_cells, source_table, source_row, source_page";

std::string select_by_document(const std::string& columns, const std::string& from,
                               const std::string& order) {
  return "SELECT " + columns + " FROM " + from + " WHERE document_id = ? ORDER BY " + order;
}

// Each item's names in a JSON array column (leads, partners), in order.
std::string names_of(Dialect dialect, const std::string& column) {
  if (dialect == Dialect::postgresql) {
    return select_by_document(
        "i.position, j.value",
        "items AS i, json_array_elements_text(i." + column + ") WITH ORDINALITY AS j (value, key)",
        "i.position, j.key");
  }
  return select_by_document("i.position, j.value", "items AS i, json_each(i." + column + ") AS j",
                            "i.position, j.key");
}

}  // namespace

class DocumentReader::Queries {
 public:
  explicit Queries(Connection& db)
      : db_(db),
        head_(db.prepare("SELECT file, format, sha256, title, organisation, period, mapping_name, "
                         "mapping_score, mapping_auto FROM documents WHERE id = ?")),
        items_(db.prepare(
            select_by_document("position, item_id, theme, objective, category, ref, text, measure, "
                               "baseline, target, due_raw, due_start, due_end, progress, status, "
                               "mitigation, comments, " +
                                   std::string(kLocationColumns),
                               "items", "position"))),
        leads_(db.prepare(names_of(db.dialect(), "leads"))),
        partners_(db.prepare(names_of(db.dialect(), "partners"))),
        assessments_(db.prepare(select_by_document(
            "i.position, a.assessed_by, a.rating, a.raw, a.rating_from, "
            "a.commentary",
            "assessments AS a JOIN items AS i ON i.id = a.item_id", "i.position, a.position"))),
        extra_(db.prepare(select_by_document("i.position, e.header, e.value",
                                             "extra AS e JOIN items AS i ON i.id = e.item_id",
                                             "i.position, e.position"))),
        indicators_(db.prepare(
            select_by_document("position, code, title, baseline, " + std::string(kLocationColumns),
                               "indicators", "position"))),
        breakdown_(db.prepare(select_by_document(
            "n.position, b.area, b.baseline",
            "indicator_breakdown AS b JOIN indicators AS n ON n.id = b.indicator_id",
            "n.position, b.position"))),
        targets_(db.prepare(select_by_document(
            "n.position, b.position, t.period, t.value",
            "indicator_targets AS t JOIN indicators AS n ON n.id = t.indicator_id "
            "LEFT JOIN indicator_breakdown AS b ON b.id = t.breakdown_id",
            "n.position, b.position, t.position"))),
        risks_(
            db.prepare(select_by_document("position, ref, description, impact, likelihood, score, "
                                          "mitigation, owner, due_raw, due_start, due_end, " +
                                              std::string(kLocationColumns),
                                          "risks", "position"))),
        warnings_(db.prepare(select_by_document("position, code, message, location_file, "
                                                "location_sheet, location_cells, location_table, "
                                                "location_row, location_page",
                                                "warnings", "position"))) {}

  Document read(std::int64_t document_row) {
    Document document = read_head(document_row);
    read_items(document_row, document.items);
    read_names(*leads_, document_row, document.items, &Item::leads);
    read_names(*partners_, document_row, document.items, &Item::partners);
    read_assessments(document_row, document.items);
    read_extra(document_row, document.items);
    read_indicators(document_row, document.indicators);
    read_risks(document_row, document.risks);
    read_warnings(document_row, document.warnings);
    return document;
  }

 private:
  // Runs a query for one document, calling on_row for each row with its columns.
  template <typename OnRow>
  void for_each_row(Statement& query, std::int64_t document_row, OnRow on_row) {
    query.bind_int(1, document_row);
    while (query.step()) {
      Columns columns(db_, query);
      on_row(columns);
    }
    query.reset();
  }

  // Rows come in position order; a gap or repeat would shift every later row.
  void expect_next(std::size_t position, std::size_t expected) {
    if (position != expected) corrupt(db_, "positions are not 0, 1, 2, ...");
  }

  Document read_head(std::int64_t document_row) {
    Document document;
    head_->bind_int(1, document_row);
    if (!head_->step()) corrupt(db_, "document " + std::to_string(document_row) + " vanished");
    Columns columns(db_, *head_);
    document.source.file = columns.text();
    document.source.format = columns.text();
    document.source.sha256 = columns.text();
    document.title = columns.text();
    document.organisation = columns.text();
    document.period = columns.text();
    document.mapping.name = columns.text();
    document.mapping.score = columns.real();
    document.mapping.automatic = columns.integer() != 0;
    head_->reset();
    return document;
  }

  void read_items(std::int64_t document_row, std::vector<Item>& items) {
    for_each_row(*items_, document_row, [&](Columns& columns) {
      expect_next(columns.position(), items.size());
      Item& item = items.emplace_back();
      item.id = columns.text();
      item.theme = columns.text();
      item.objective = columns.text();
      item.category = columns.text();
      item.ref = columns.text();
      item.text = columns.text();
      item.measure = columns.text();
      item.baseline = columns.text();
      item.target = columns.text();
      item.due = columns.due();
      item.progress = columns.text();
      item.status = columns.rating();
      item.mitigation = columns.text();
      item.comments = columns.text();
      item.source = columns.location();
    });
  }

  void read_names(Statement& query, std::int64_t document_row, std::vector<Item>& items,
                  std::vector<std::string> Item::*list) {
    for_each_row(query, document_row, [&](Columns& columns) {
      Item& item = at_position(db_, items, columns.position());
      (item.*list).push_back(columns.text());
    });
  }

  void read_assessments(std::int64_t document_row, std::vector<Item>& items) {
    for_each_row(*assessments_, document_row, [&](Columns& columns) {
      Item& item = at_position(db_, items, columns.position());
      Assessment& assessment = item.assessments.emplace_back();
      assessment.by = columns.text();
      assessment.rating = columns.rating();
      assessment.raw = columns.text();
      assessment.from = rating_source_from_name(columns.text()).value_or(RatingSource::text);
      assessment.commentary = columns.text();
    });
  }

  void read_extra(std::int64_t document_row, std::vector<Item>& items) {
    for_each_row(*extra_, document_row, [&](Columns& columns) {
      Item& item = at_position(db_, items, columns.position());
      std::string header = columns.text();
      item.extra.emplace_back(std::move(header), columns.text());
    });
  }

  void read_indicators(std::int64_t document_row, std::vector<Indicator>& indicators) {
    for_each_row(*indicators_, document_row, [&](Columns& columns) {
      expect_next(columns.position(), indicators.size());
      Indicator& indicator = indicators.emplace_back();
      indicator.code = columns.text();
      indicator.title = columns.text();
      indicator.baseline = columns.text();
      indicator.source = columns.location();
    });
    for_each_row(*breakdown_, document_row, [&](Columns& columns) {
      Indicator& indicator = at_position(db_, indicators, columns.position());
      IndicatorBreakdown& breakdown = indicator.breakdown.emplace_back();
      breakdown.area = columns.text();
      breakdown.baseline = columns.text();
    });
    read_targets(document_row, indicators);
  }

  // Rows with a NULL breakdown position are the indicator's own targets.
  void read_targets(std::int64_t document_row, std::vector<Indicator>& indicators) {
    targets_->bind_int(1, document_row);
    while (targets_->step()) {
      Indicator& indicator = at_position(db_, indicators, Columns(db_, *targets_).position());
      std::vector<PeriodValue>* targets = &indicator.targets;
      if (!targets_->is_null(1)) {
        const auto breakdown_position = static_cast<std::size_t>(targets_->integer(1));
        targets = &at_position(db_, indicator.breakdown, breakdown_position).targets;
      }
      targets->push_back({targets_->text(2), targets_->text(3)});
    }
    targets_->reset();
  }

  void read_risks(std::int64_t document_row, std::vector<Risk>& risks) {
    for_each_row(*risks_, document_row, [&](Columns& columns) {
      expect_next(columns.position(), risks.size());
      Risk& risk = risks.emplace_back();
      risk.ref = columns.text();
      risk.description = columns.text();
      risk.impact = columns.text();
      risk.likelihood = columns.text();
      risk.score = columns.text();
      risk.mitigation = columns.text();
      risk.owner = columns.text();
      risk.due = columns.due();
      risk.source = columns.location();
    });
  }

  void read_warnings(std::int64_t document_row, std::vector<Warning>& warnings) {
    for_each_row(*warnings_, document_row, [&](Columns& columns) {
      expect_next(columns.position(), warnings.size());
      Warning& warning = warnings.emplace_back();
      warning.code = columns.text();
      warning.message = columns.text();
      warning.location = columns.location();
    });
  }

  Connection& db_;
  std::unique_ptr<Statement> head_;
  std::unique_ptr<Statement> items_;
  std::unique_ptr<Statement> leads_;
  std::unique_ptr<Statement> partners_;
  std::unique_ptr<Statement> assessments_;
  std::unique_ptr<Statement> extra_;
  std::unique_ptr<Statement> indicators_;
  std::unique_ptr<Statement> breakdown_;
  std::unique_ptr<Statement> targets_;
  std::unique_ptr<Statement> risks_;
  std::unique_ptr<Statement> warnings_;
};

DocumentReader::DocumentReader(Connection& db) : queries_(std::make_unique<Queries>(db)) {}

DocumentReader::~DocumentReader() = default;

Document DocumentReader::read(std::int64_t document_row) {
  return queries_->read(document_row);
}

std::vector<std::int64_t> document_rows(Connection& db) {
  std::vector<std::int64_t> rows;
  const auto query = db.prepare("SELECT id FROM documents ORDER BY id");
  while (query->step()) rows.push_back(query->integer(0));
  return rows;
}

std::optional<std::int64_t> find_document(Connection& db, std::string_view file_or_sha256) {
  const auto by_sha256 = db.prepare("SELECT id FROM documents WHERE sha256 = ?");
  by_sha256->bind_text(1, file_or_sha256);
  if (by_sha256->step()) return by_sha256->integer(0);
  const auto by_file =
      db.prepare("SELECT id FROM documents WHERE file = ? ORDER BY id DESC LIMIT 1");
  by_file->bind_text(1, file_or_sha256);
  if (by_file->step()) return by_file->integer(0);
  return std::nullopt;
}

std::set<std::string> stored_sha256(Connection& db) {
  std::set<std::string> hashes;
  const auto query = db.prepare("SELECT sha256 FROM documents WHERE sha256 IS NOT NULL");
  while (query->step()) hashes.insert(query->text(0));
  return hashes;
}

std::vector<Document> read_all_documents(Connection& db) {
  DocumentReader reader(db);
  std::vector<Document> documents;
  for (const auto row : document_rows(db)) documents.push_back(reader.read(row));
  return documents;
}

std::optional<Document> read_found_document(Connection& db, std::string_view file_or_sha256) {
  const auto row = find_document(db, file_or_sha256);
  if (!row) return std::nullopt;
  return DocumentReader(db).read(*row);
}

}  // namespace trackport::sql
