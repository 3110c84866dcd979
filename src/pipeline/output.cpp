#include "pipeline/output.hpp"

#include <cerrno>
#include <cstring>

namespace trackport {

Document input_document(const std::filesystem::path& path, std::string code, std::string message) {
  Document document;
  document.source.file = path.string();
  document.source.format = extension_of(path);
  Location location;
  location.file = document.source.file;
  document.warnings.push_back({std::move(code), std::move(message), location});
  return document;
}

Document failed_document(const FileOutcome& outcome) {
  return input_document(outcome.path, "input-failed", "could not be converted: " + outcome.error);
}

bool only_says_what_became_of_it(const Document& document) {
  return document.items.empty() && document.warnings.size() == 1 &&
         (document.warnings.front().code == "input-skipped" ||
          document.warnings.front().code == "input-failed");
}

bool is_stream_output(const std::string& output) {
  return output == "-" || output_kind(output) == OutputKind::stream;
}

void check_streamable(const Exporter& exporter, const std::string& output) {
  if (output == "-" ? !exporter.can_stream() : exporter.writes_in_place()) {
    throw OutputRefused("the " + std::string(exporter.name()) + " format cannot go to " +
                        (output == "-" ? "stdout" : "a FIFO or a device: give a file name"));
  }
}

BatchOutput::BatchOutput(const Exporter& exporter, std::string output,
                         std::ostream& standard_output)
    : exporter_(exporter), output_(std::move(output)), standard_output_(standard_output) {
  if (exporter_.output_is_connection()) {
    // A database server is reached now, so a wrong address or password is one line, not one
    // a file.
    database_ = exporter_.open_appender(output_);
    return;
  }
  if (is_stream_output(output_)) check_streamable(exporter_, output_);
  // An existing database is opened now: a file that is no trackport database is refused
  // before any work.
  if (exporter_.writes_in_place() && std::filesystem::exists(output_))
    database_ = exporter_.open_appender(output_);
}

void BatchOutput::append(const Document& document) {
  open();
  if (database_) {
    database_->append(document);
  } else {
    in_terms_of_output([&] { writer_->append(document); });
  }
}

void BatchOutput::commit() {
  if (!writer_) return;
  in_terms_of_output([&] { writer_->finish(); });
  writer_.reset();
  if (stream_) {
    stream_->close();
    if (!*stream_)
      throw std::runtime_error("cannot write " + output_ + ": " + std::strerror(errno));
  }
  if (file_) file_->commit();
}

void BatchOutput::open() {
  if (opened()) return;
  if (exporter_.writes_in_place()) {
    database_ = exporter_.open_appender(output_);
  } else if (output_ == "-") {
    writer_ = exporter_.open_writer(standard_output_);
  } else if (is_stream_output(output_)) {
    stream_.emplace(output_, std::ios::binary);
    if (!*stream_)
      throw std::runtime_error("cannot write " + output_ + ": " + std::strerror(errno));
    writer_ = exporter_.open_writer(*stream_);
  } else {
    file_.emplace(std::filesystem::path(output_));
    in_terms_of_output([&] { writer_ = exporter_.open_file_writer(file_->temp_path()); });
  }
}

template <typename Write>
void BatchOutput::in_terms_of_output(Write write) {
  try {
    write();
  } catch (const std::exception& e) {
    if (!file_) throw;
    const std::string message = e.what();
    // A temporary file of the writer's own (a spill) says nothing of the output: name it.
    if (message.find(file_->temp_path().string()) == std::string::npos)
      throw std::runtime_error("writing " + output_ + ": " + message);
    throw std::runtime_error(file_->in_terms_of_target(message));
  }
}

}  // namespace trackport
