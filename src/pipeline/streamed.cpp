#include "pipeline/streamed.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <variant>

#include "mapping/standard_workbook.hpp"

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
};
using SheetEvent = std::variant<BeginSheet, HiddenRow, SheetRow, EndSheet>;

// Thrown on the reader thread when the consumer has stopped listening.
struct ReadingCancelled {};

// Sheet events from the reader thread to the mapping thread, in batches (one lock per batch),
// at most kMaxBatches waiting, so the reader runs ahead by a bounded number of rows.
class EventQueue final : public SheetRowSink {
 public:
  static constexpr std::size_t kBatchSize = 256;
  static constexpr std::size_t kMaxBatches = 16;

  // Producer side (SheetRowSink), on the reader thread.
  void begin_sheet(const std::string& name) override { add(BeginSheet{name}); }
  void hidden_row(int number) override { add(HiddenRow{number}); }
  void row(SheetRow&& row) override { add(std::move(row)); }
  void end_sheet(std::vector<SheetMerge>&& merges) override { add(EndSheet{std::move(merges)}); }

  // The reader is done (`error` set when it failed or could not stream).
  void close(bool failed) {
    std::unique_lock lock(mutex_);
    if (!filling_.empty()) batches_.push_back(std::move(filling_));
    done_ = true;
    failed_ = failed;
    changed_.notify_all();
  }

  // Consumer side. Fills `batch`; false at the end (then `failed()` says how it ended).
  bool next(std::vector<SheetEvent>& batch) {
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
  // The consumer gives up: the reader stops at its next row.
  void cancel() {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    batches_.clear();
    changed_.notify_all();
  }

 private:
  void add(SheetEvent event) {
    filling_.push_back(std::move(event));
    if (filling_.size() < kBatchSize && !std::holds_alternative<EndSheet>(filling_.back())) return;
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return batches_.size() < kMaxBatches || cancelled_; });
    if (cancelled_) throw ReadingCancelled{};
    batches_.push_back(std::move(filling_));
    filling_ = {};
    filling_.reserve(kBatchSize);
    changed_.notify_all();
  }

  std::vector<SheetEvent> filling_;  // reader thread only
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<SheetEvent>> batches_;
  bool done_ = false;
  bool failed_ = false;
  bool cancelled_ = false;
};

// The mapping thread's side: sheet events -> tables -> items -> the output stream.
class StreamedMapping {
 public:
  StreamedMapping(std::string file, const SourceDocument& head, const ConvertOptions& options,
                  DocumentStream& stream)
      : file_(std::move(file)), head_(head), options_(options), stream_(stream) {}

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
      streamer_->end_sheet(std::move(std::get<EndSheet>(event).merges));
    }
  }

  MappingResult finish() {
    start();
    return mapper_->finish();
  }
  std::size_t items() const { return items_; }

 private:
  // On the first event: the reader has set the document's title by then.
  void start() {
    if (mapper_) return;
    MapOptions map_options;
    map_options.forced = options_.mapping;
    mapper_.emplace(file_, head_.title, map_options, true, [this](Item&& item) {
      stream_.item(item);
      ++items_;
    });
    streamer_.emplace(*mapper_, options_.import.max_cells);
  }

  std::string file_;
  const SourceDocument& head_;
  const ConvertOptions& options_;
  DocumentStream& stream_;
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
    importer = &choose_importer(input);
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

  StreamedMapping mapping(path.string(), head, options, stream);
  try {
    std::vector<SheetEvent> batch;
    while (queue.next(batch)) {
      for (SheetEvent& event : batch) mapping.take(event);
    }
  } catch (...) {
    queue.cancel();
    return std::nullopt;  // the reader thread is joined on the way out
  }
  reader.join();
  if (queue.failed()) return std::nullopt;
  MappingResult mapped = mapping.finish();
  StreamedDocument result;
  result.document =
      assemble_document(head, input, std::string(importer->format_of(input)), mapped, options);
  result.items = mapping.items();
  stream.finish(result.document);
  return result;
}

}  // namespace trackport
