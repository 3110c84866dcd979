#include "pipeline/streamed.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <variant>

#include "exporters/workbook/workbook_reader.hpp"
#include "pipeline/documents.hpp"
#include "pipeline/legacy_formats.hpp"

namespace trackport {

namespace {

struct BeginSheet {
  std::string name;
};
struct HiddenRow {
  int number = 0;
};
struct EndSheet {
  std::vector<SheetMerge> merges;
  bool late_styles = false;  // the reader had styles for the sheet's rows (they cannot stream)
};
using SheetEvent = std::variant<BeginSheet, HiddenRow, SheetRow, EndSheet>;

// Thrown on the producing thread when the consumer has stopped listening.
struct ConsumerGone {};

// Values from one thread to another in batches (one lock per batch), at most `max_batches`
// waiting, so the producer runs ahead of the consumer by a bounded amount.
template <typename T>
class BatchQueue {
 public:
  BatchQueue(std::size_t batch_size, std::size_t max_batches)
      : batch_size_(batch_size), max_batches_(max_batches) {}

  // Producer side. `send_now`: hand the batch over without waiting for it to fill. Throws
  // ConsumerGone once the consumer has cancelled.
  void push(T&& value, bool send_now = false) {
    filling_.push_back(std::move(value));
    if (filling_.size() < batch_size_ && !send_now) return;
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return batches_.size() < max_batches_ || cancelled_; });
    if (cancelled_) throw ConsumerGone{};
    batches_.push_back(std::move(filling_));
    filling_ = {};
    filling_.reserve(batch_size_);
    changed_.notify_all();
  }
  // The producer is done (`failed` when it failed or gave up).
  void close(bool failed) {
    std::unique_lock lock(mutex_);
    if (!filling_.empty() && !failed) batches_.push_back(std::move(filling_));
    done_ = true;
    failed_ = failed;
    changed_.notify_all();
  }

  // Consumer side. Fills `batch`; false at the end (then `failed()` says how it ended).
  bool next(std::vector<T>& batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !batches_.empty() || done_; });
    if (batches_.empty()) return false;
    batch = std::move(batches_.front());
    batches_.pop_front();
    changed_.notify_all();
    return true;
  }
  bool failed() {
    std::lock_guard lock(mutex_);
    return failed_;
  }
  // The consumer gives up: the producer stops at its next batch.
  void cancel() {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    batches_.clear();
    changed_.notify_all();
  }

 private:
  const std::size_t batch_size_;
  const std::size_t max_batches_;
  std::vector<T> filling_;  // producer thread only
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<T>> batches_;
  bool done_ = false;
  bool failed_ = false;
  bool cancelled_ = false;
};

// Sheet events from the reader thread to the mapping thread.
class EventQueue final : public SheetRowSink, public BatchQueue<SheetEvent> {
 public:
  EventQueue() : BatchQueue(256, 16) {}
  void begin_sheet(const std::string& name) override { push(BeginSheet{name}); }
  void hidden_row(int number) override { push(HiddenRow{number}); }
  void row(SheetRow&& row) override { push(std::move(row)); }
  // A sheet's end goes at once: the mapping thread may be waiting for its last rows.
  void end_sheet(std::vector<SheetMerge>&& merges, const LateCellStyles* late) override {
    push(EndSheet{std::move(merges), late != nullptr}, true);
  }
};

// Finished items from the mapping thread to the writing thread, which serialises them: mapping
// and writing each take about as long as reading, so the three overlap.
class ItemWriter {
 public:
  explicit ItemWriter(DocumentStream& stream)
      : stream_(stream), thread_([this] { write_items(); }) {}
  ItemWriter(const ItemWriter&) = delete;
  ItemWriter& operator=(const ItemWriter&) = delete;
  ~ItemWriter() {
    if (thread_.joinable()) finish(true);
  }

  // Throws ConsumerGone when writing has failed.
  void write(Item&& item) { queue_.push(std::move(item)); }

  // Waits for the writing thread; with `abandon`, drops what it has not written yet. False when
  // writing failed.
  bool finish(bool abandon) {
    queue_.close(abandon);
    if (abandon) queue_.cancel();
    thread_.join();
    return !failed_;
  }

 private:
  void write_items() {
    try {
      std::vector<Item> batch;
      while (queue_.next(batch)) {
        for (const Item& item : batch) stream_.item(item);
        batch.clear();
      }
    } catch (...) {
      failed_ = true;  // read after the join
      queue_.cancel();
    }
  }

  DocumentStream& stream_;
  BatchQueue<Item> queue_{256, 16};
  bool failed_ = false;
  std::thread thread_;  // last: starts once the rest is made
};

// The mapping thread's side: sheet events -> tables -> items -> the writing thread.
class StreamedMapping {
 public:
  StreamedMapping(const InputFile& input, const Importer& importer, const SourceDocument& head,
                  const ConvertOptions& options, DocumentStream& stream)
      : input_(input), importer_(importer), head_(head), options_(options), stream_(stream) {}

  void take(SheetEvent& event) {
    start();
    if (auto* sheet = std::get_if<BeginSheet>(&event)) {
      // The round trip of trackport's own workbook needs every sheet at once.
      if (is_standard_workbook_sheet(sheet->name)) throw NotStreamable("a standard workbook");
      streamer_->begin_sheet(sheet->name);
    } else if (auto* hidden = std::get_if<HiddenRow>(&event)) {
      streamer_->hidden_row(hidden->number);
    } else if (auto* row = std::get_if<SheetRow>(&event)) {
      streamer_->row(std::move(*row));
    } else {
      auto& end = std::get<EndSheet>(event);
      if (end.late_styles) throw NotStreamable("the sheet has conditional formats");
      streamer_->end_sheet(std::move(end.merges), nullptr);
    }
  }

  // After the last event: the document without its items, once every item is written. Nullopt
  // when writing failed.
  std::optional<Document> finish() {
    start();
    MappingResult mapped = mapper_->finish();
    if (!writer_.finish(false)) return std::nullopt;
    return describe(head_, mapped);
  }
  std::size_t items() const { return items_; }

 private:
  // On the first event: the reader has set the document's title by then.
  void start() {
    if (mapper_) return;
    MapOptions map_options = map_options_for(options_);
    mapper_.emplace(input_.path.string(), head_.title, map_options, true, [this](Item&& item) {
      if (items_ == 0) stream_.begin(so_far());
      writer_.write(std::move(item));
      ++items_;
    });
    mapper_->set_subtitle(head_.subtitle);
    streamer_.emplace(*mapper_, options_.import.max_cells);
  }

  Document describe(const SourceDocument& head, MappingResult& mapped) const {
    return assemble_document(head, input_, std::string(importer_.format_of(input_)), mapped,
                             options_);
  }

  // The document as it stands at the first item. Only what the reader sets before its first
  // event is read: the head's warnings are still growing on the reader thread.
  Document so_far() const {
    SourceDocument known;
    known.title = head_.title;
    known.subtitle = head_.subtitle;
    known.period = head_.period;
    known.organisation = head_.organisation;
    MappingResult mapped;
    mapped.info = mapper_->mapping_so_far();
    mapped.period = mapper_->period_so_far();
    return describe(known, mapped);
  }

  const InputFile& input_;
  const Importer& importer_;
  const SourceDocument& head_;
  const ConvertOptions& options_;
  DocumentStream& stream_;
  ItemWriter writer_{stream_};
  std::optional<DocumentMapper> mapper_;
  std::optional<SheetStreamer> streamer_;
  std::size_t items_ = 0;
};

}  // namespace

std::optional<StreamedDocument> convert_streamed(const std::filesystem::path& path,
                                                 const ConvertOptions& options,
                                                 DocumentStream& stream) {
  InputFile input;
  const Importer* importer = nullptr;
  try {
    input = read_input(path);
    // A legacy format is converted by LibreOffice first: convert_to_documents does that.
    if (options.import.format.empty() && legacy_format_of(input)) return std::nullopt;
    // Documents trackport stored are read as they are (pipeline/documents.hpp).
    if (options.import.format.empty() &&
        stored_documents_in(std::string_view(input.bytes).substr(0, kStoredDocumentsHead),
                            extension_of(input.path)) != StoredDocuments::none)
      return std::nullopt;
    importer = &choose_importer(input, options.import.format);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  SourceDocument head;  // written by the reader; read here after the first event and the join
  EventQueue queue;
  std::jthread reader([&] {
    bool streamed = false;
    try {
      streamed = importer->read_sheets(input, options.import, queue, head);
    } catch (...) {
      // Cancelled, or the file fails: convert_to_documents reads it again and reports why.
    }
    queue.close(!streamed);
  });

  StreamedMapping mapping(input, *importer, head, options, stream);
  try {
    std::vector<SheetEvent> batch;
    while (queue.next(batch)) {
      for (SheetEvent& event : batch) mapping.take(event);
    }
  } catch (...) {
    queue.cancel();
    return std::nullopt;  // the reader and writer threads are joined on the way out
  }
  reader.join();
  if (queue.failed()) return std::nullopt;
  std::optional<Document> document = mapping.finish();
  if (!document) return std::nullopt;
  stream.finish(*document);
  return StreamedDocument{std::move(*document), mapping.items()};
}

}  // namespace trackport
