// Assembles the standard workbook, sheet after sheet.
#include "exporters/workbook/workbook_exporter.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <exception>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>

#include "exporters/quiet_stderr.hpp"
#include "exporters/through_file.hpp"
#include "exporters/workbook/sheets.hpp"
#include "model/document.hpp"

namespace trackport {
namespace {

// Owns the lxw_workbook until it is closed. One abandoned by an exception is freed without being
// saved, so no half-written workbook appears.
class OpenWorkbook {
 public:
  explicit OpenWorkbook(const std::filesystem::path& path) {
    // Constant-memory mode streams each finished row to a temporary file, so 200,000 items do
    // not sit in memory. It asks for rows in order, which every sheet here does; frozen panes,
    // tables (SheetWriter::add_table), links, data validation, conditional formats, charts and
    // column widths all still work in it (tests/unit/exporters checks them). Strings are stored
    // inline instead of shared.
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    // ZIP64 stays off: parts stay far below 4 GB (200,000 items are a few hundred MB) and
    // some zip readers do not take ZIP64.
    const std::string name = path.string();
    {
      const QuietStderr quiet;
      workbook_ = workbook_new_opt(name.c_str(), &options);
    }
    if (workbook_ == nullptr) throw std::runtime_error("cannot create the workbook " + name);
    // The mark that keeps this workbook out of the next folder walk (unless it is named).
    workbook_set_custom_property_string(workbook_, kOutputProperty, "standard workbook");
  }
  OpenWorkbook(const OpenWorkbook&) = delete;
  OpenWorkbook& operator=(const OpenWorkbook&) = delete;
  ~OpenWorkbook() {
    if (workbook_ != nullptr) lxw_workbook_free(workbook_);
  }

  lxw_workbook* get() const { return workbook_; }

  void close(const std::filesystem::path& path) {
    lxw_workbook* workbook = workbook_;
    workbook_ = nullptr;
    lxw_error status = LXW_NO_ERROR;
    {
      const QuietStderr quiet;
      status = workbook_close(workbook);
    }
    workbook::check(status, "saving " + path.string());
  }

 private:
  lxw_workbook* workbook_ = nullptr;
};

void check_writable(const std::filesystem::path& path) {
  std::ofstream probe(path, std::ios::binary | std::ios::trunc);
  if (!probe) throw std::runtime_error("cannot open " + path.string() + " for writing");
}

// Gives every format its index in the workbook's style table now, so that sheets written on
// threads of their own only read the formats (libxlsxwriter numbers a format the first time a
// cell or rule uses it).
void number_formats(const workbook::Formats& formats) {
  for (lxw_format* format : {formats.header, formats.text, formats.wrapped, formats.date,
                             formats.score, formats.total, formats.link}) {
    lxw_format_get_xf_index(format);
  }
  for (lxw_format* format : formats.number_formats()) lxw_format_get_xf_index(format);
  for (lxw_format* fill : formats.rating_fill) {
    if (fill != nullptr) lxw_format_get_dxf_index(fill);
  }
}

}  // namespace

// The rows of every sheet wait in spills (workbook/sheet_spill.hpp) while documents come in;
// close() writes the sheets in their order, each on a thread of its own.
class WorkbookBuilder::Sheets {
 public:
  explicit Sheets(std::size_t rows_per_sheet)
      : rows_per_sheet_(rows_per_sheet),
        items_(workbook::kItemsSheet,
               [this](workbook::SpillColumn column) {
                 return workbook::items_column_header(column, assessments_);
               }),
        extra_(workbook::kExtraSheet, headers_of(workbook::kExtraHeaders)),
        assessments_sheet_(workbook::kAssessmentsSheet, headers_of(workbook::kAssessmentHeaders)),
        indicators_(workbook::kIndicatorsSheet,
                    [this](workbook::SpillColumn column) { return periods_.header_of(column); }),
        risks_(workbook::kRisksSheet,
               [](workbook::SpillColumn column) { return workbook::risks_headers().at(column); }),
        summary_(workbook::kSummarySheet, nullptr),
        sources_(
            workbook::kSourcesSheet,
            [](workbook::SpillColumn column) { return workbook::sources_headers().at(column); }),
        warnings_(workbook::kWarningsSheet, nullptr),
        continued_(workbook::kContinuedSheet, nullptr) {
    for (auto* sheet : {&items_, &extra_, &assessments_sheet_, &indicators_, &risks_, &summary_,
                        &sources_, &warnings_}) {
      sheet->continue_into(&continued_);
    }
  }

  template <std::size_t N>
  static std::function<std::string(workbook::SpillColumn)> headers_of(
      const std::array<const char*, N>& headers) {
    return [&headers](workbook::SpillColumn column) { return std::string(headers.at(column)); };
  }

  void item(const Document& document, const Item& item, bool organisation_later) {
    workbook::spill_item_row(items_, document, item, assessments_, organisation_later,
                             static_cast<std::uint32_t>(documents_ + 1));
    workbook::spill_extra_rows(extra_, document, item);
    workbook::spill_assessment_rows(assessments_sheet_, document, item);
    summary_counts_.count(item);
  }

  void end_document(const Document& document, std::size_t items) {
    workbook::spill_indicator_rows(indicators_, document, periods_);
    workbook::spill_risk_rows(risks_, document);
    const auto counts = summary_counts_.spill_document(summary_, document.source.file);
    workbook::spill_source_row(sources_, document, items, counts);
    ++documents_;
    // The cells cut to fit, in the order of the sheets.
    workbook::CutCells cut;
    for (auto* sheet : {&items_, &extra_, &assessments_sheet_, &indicators_, &risks_, &sources_}) {
      auto more = sheet->take_cut_cells();
      cut.insert(cut.end(), std::make_move_iterator(more.begin()),
                 std::make_move_iterator(more.end()));
    }
    workbook::spill_warning_rows(warnings_, document, cut);
  }

  void write(lxw_workbook* workbook, const Document* streamed) {
    auto formats = workbook::Formats::create(workbook);
    for (const auto* spill : {&items_, &extra_, &assessments_sheet_, &indicators_, &risks_,
                              &summary_, &sources_, &warnings_, &continued_}) {
      for (const auto style : spill->number_styles()) formats.add_number_format(style);
    }
    number_formats(formats);
    const std::size_t assessment_count = assessments_.names().size();
    std::vector<Job> jobs;
    jobs.push_back({&items_, workbook::items_headers(assessments_.names()),
                    workbook::items_column_plan(assessment_count),
                    [assessment_count](workbook::SheetWriter& sheet) {
                      workbook::finish_items_sheet(sheet, assessment_count);
                    }});
    jobs.push_back({&extra_, strings(workbook::kExtraHeaders), {}, finish_table});
    jobs.push_back({&assessments_sheet_, strings(workbook::kAssessmentHeaders), {}, finish_table});
    if (indicators_.rows() > 0)
      jobs.push_back({&indicators_, periods_.headers(), periods_.column_plan(), finish_table});
    if (risks_.rows() > 0) jobs.push_back({&risks_, workbook::risks_headers(), {}, finish_table});
    jobs.push_back({&summary_,
                    workbook::SummaryCounts::headers(),
                    {},
                    [this](workbook::SheetWriter& sheet) { summary_counts_.finish_sheet(sheet); },
                    false});
    jobs.push_back({&sources_, workbook::sources_headers(), {}, finish_table});
    jobs.push_back({&warnings_, strings(workbook::kWarningsHeaders), {}, finish_table});
    if (continued_.rows() > 0)
      jobs.push_back({&continued_, strings(workbook::kContinuedHeaders), {}, finish_table});
    // The Continued sheet names cells of the other sheets, whose columns the plans place.
    std::map<std::string, workbook::ColumnPlan> plans;
    for (const auto& job : jobs) plans.emplace(job.spill->name(), job.plan);
    const std::size_t per_sheet = rows_per_sheet_;
    const workbook::CellResolver resolver{
        [&plans](const std::string& sheet, workbook::SpillColumn column) {
          return workbook::planned_column(column, plans.at(sheet));
        },
        [per_sheet](const std::string& sheet, std::uint32_t row) {
          const std::size_t part = row == 0 ? 0 : (row - 1) / per_sheet;
          return workbook::PartCell{workbook::part_sheet_name(sheet, part),
                                    static_cast<std::uint32_t>(row - part * per_sheet)};
        }};
    // The sheets (and their parts, past kRowsPerSheet rows) are added in order here; each is then
    // filled on a thread of its own (a constant-memory worksheet writes to a temporary file of its
    // own, and the formats are numbered already).
    std::vector<std::vector<std::unique_ptr<workbook::SheetWriter>>> writers;
    for (auto& job : jobs) {
      const std::size_t parts =
          std::max<std::size_t>(1, (job.spill->rows() + per_sheet - 1) / per_sheet);
      if (parts > 1 && !job.splits) {
        throw std::runtime_error("the " + job.spill->name() + " sheet would need more than " +
                                 std::to_string(per_sheet) +
                                 " rows, Excel's limit; export to JSON or CSV instead");
      }
      auto& sheets = writers.emplace_back();
      for (std::size_t part = 0; part < parts; ++part) {
        const std::string name = workbook::part_sheet_name(job.spill->name(), part);
        sheets.push_back(std::make_unique<workbook::SheetWriter>(workbook, name.c_str(), formats));
        sheets.back()->write_header(job.headers);
        if (job.spill == &summary_) insert_chart(workbook, *sheets.back(), job.headers.size());
        if (job.spill == &items_) workbook::prepare_items_sheet(*sheets.back());
      }
    }
    std::vector<std::exception_ptr> failures(jobs.size());
    {
      std::vector<std::jthread> threads;
      for (std::size_t i = 0; i < jobs.size(); ++i) {
        threads.emplace_back([&, i] {
          try {
            std::vector<workbook::SheetWriter*> parts;
            for (auto& sheet : writers[i]) parts.push_back(sheet.get());
            jobs[i].spill->write_to(parts, per_sheet, jobs[i].plan, streamed, resolver);
            for (auto* part : parts) jobs[i].finish(*part);
          } catch (...) {
            failures[i] = std::current_exception();
          }
        });
      }
    }
    for (const auto& failure : failures) {
      if (failure) std::rethrow_exception(failure);
    }
  }

 private:
  struct Job {
    workbook::SheetSpill* spill;
    std::vector<std::string> headers;
    workbook::ColumnPlan plan;
    std::function<void(workbook::SheetWriter&)> finish;  // each part's
    bool splits = true;  // may go on in parts past rows_per_sheet_ (the Summary may not)
  };

  static void finish_table(workbook::SheetWriter& sheet) { sheet.finish_table(); }

  // The chart of the sources' ratings, on the Summary sheet beside its table (a column apart).
  void insert_chart(lxw_workbook* workbook, workbook::SheetWriter& summary,
                    std::size_t columns) const {
    if (!summary_counts_.any()) return;
    lxw_chart* chart = workbook::add_sources_chart(workbook, summary_counts_, summary_.rows());
    if (chart == nullptr) return;
    constexpr double kDefaultHeight = 288;  // pixels: libxlsxwriter's chart
    constexpr double kHeightPerBar = 22;
    constexpr double kOtherHeight = 110;  // title, legend and axis
    const auto bars = static_cast<double>(summary_counts_.charted());
    lxw_chart_options options{};
    options.x_scale = 1.5;
    options.y_scale = std::max(1.0, (kOtherHeight + kHeightPerBar * bars) / kDefaultHeight);
    options.object_position = LXW_OBJECT_DONT_MOVE_DONT_SIZE;
    workbook::check(
        worksheet_insert_chart_opt(summary.worksheet(), 1, static_cast<lxw_col_t>(columns + 1),
                                   chart, &options),
        "adding the chart to Summary");
  }

  template <std::size_t N>
  static std::vector<std::string> strings(const std::array<const char*, N>& headers) {
    return {headers.begin(), headers.end()};
  }

  std::size_t rows_per_sheet_;
  std::size_t documents_ = 0;  // ended so far
  workbook::KeyNumbers assessments_;
  workbook::IndicatorPeriods periods_;
  workbook::SummaryCounts summary_counts_;
  workbook::SheetSpill items_;
  workbook::SheetSpill extra_;
  workbook::SheetSpill assessments_sheet_;
  workbook::SheetSpill indicators_;
  workbook::SheetSpill risks_;
  workbook::SheetSpill summary_;
  workbook::SheetSpill sources_;
  workbook::SheetSpill warnings_;
  workbook::SheetSpill continued_;
};

WorkbookBuilder::WorkbookBuilder(std::filesystem::path path, std::size_t rows_per_sheet)
    : path_(std::move(path)),
      sheets_(std::make_unique<Sheets>(rows_per_sheet == 0 ? workbook::kRowsPerSheet
                                                           : rows_per_sheet)) {
  check_writable(path_);
}

WorkbookBuilder::~WorkbookBuilder() = default;

void WorkbookBuilder::add(const Document& document) {
  for (const Item& item : document.items) sheets_->item(document, item, false);
  sheets_->end_document(document, document.items.size());
}

void WorkbookBuilder::begin_streamed(const Document& so_far) {
  if (streaming_) return;
  streaming_ = true;
  head_ = so_far;
  head_.items.clear();
}

void WorkbookBuilder::item(const Item& item) {
  if (!streaming_) throw std::logic_error("WorkbookBuilder: an item before begin_streamed()");
  sheets_->item(head_, item, true);
  ++streamed_items_;
}

void WorkbookBuilder::end_streamed(const Document& document) {
  begin_streamed(document);
  head_ = document;
  head_.items.clear();
  sheets_->end_document(head_, streamed_items_);
  streamed_ = true;
}

void WorkbookBuilder::close() {
  try {
    OpenWorkbook workbook(path_);
    sheets_->write(workbook.get(), streamed_ ? &head_ : nullptr);
    workbook.close(path_);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
    throw;
  }
}

namespace {

// A batch into a workbook file, or into a stream through a temporary file.
class WorkbookWriter final : public DocumentWriter {
 public:
  explicit WorkbookWriter(const std::filesystem::path& path) : builder_(path) {}
  WorkbookWriter(std::ostream& out, std::filesystem::path temporary)
      : out_(&out), temporary_(std::move(temporary)), builder_(temporary_) {}
  ~WorkbookWriter() override {
    if (out_ != nullptr) {
      std::error_code ignored;
      std::filesystem::remove(temporary_, ignored);
    }
  }

  void append(const Document& document) override { builder_.add(document); }
  void finish() override {
    builder_.close();
    if (out_ == nullptr) return;
    std::ifstream in(temporary_, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read back " + temporary_.string());
    *out_ << in.rdbuf();
    if (!*out_) throw std::runtime_error("writing to the output failed");
  }

 private:
  std::ostream* out_ = nullptr;
  std::filesystem::path temporary_;
  WorkbookBuilder builder_;
};

// One document item by item into a workbook file.
class WorkbookDocumentStream final : public DocumentStream {
 public:
  explicit WorkbookDocumentStream(const std::filesystem::path& path) : builder_(path) {}
  void begin(const Document& so_far) override { builder_.begin_streamed(so_far); }
  void item(const Item& item) override { builder_.item(item); }
  void finish(const Document& document) override {
    builder_.end_streamed(document);
    builder_.close();
  }

 private:
  WorkbookBuilder builder_;
};

std::filesystem::path temporary_workbook_path() {
  std::random_device random;
  return std::filesystem::temp_directory_path() /
         ("trackport-" + std::to_string(random()) + std::to_string(random()) + ".xlsx");
}

}  // namespace

void write_standard_workbook(const std::vector<Document>& documents,
                             const std::filesystem::path& path) {
  WorkbookBuilder builder(path);
  for (const auto& document : documents) builder.add(document);
  builder.close();
}

void WorkbookExporter::write(const std::vector<Document>& documents, std::ostream& out) const {
  write_through_temporary_file(out, "xlsx", [&](const std::filesystem::path& path) {
    write_standard_workbook(documents, path);
  });
}

std::unique_ptr<DocumentWriter> WorkbookExporter::open_writer(std::ostream& out) const {
  return std::make_unique<WorkbookWriter>(out, temporary_workbook_path());
}

std::unique_ptr<DocumentWriter> WorkbookExporter::open_file_writer(
    const std::filesystem::path& path) const {
  return std::make_unique<WorkbookWriter>(path);
}

std::unique_ptr<DocumentStream> WorkbookExporter::stream_document_to_file(
    const std::filesystem::path& path) const {
  return std::make_unique<WorkbookDocumentStream>(path);
}

}  // namespace trackport
