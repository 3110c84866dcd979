// The exporter interface: each writes a list of Documents in one format, reading only the model.
#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"

namespace trackport {

// One document written item by item, so its items are never all in memory.
class DocumentStream {
 public:
  virtual ~DocumentStream() = default;
  // Before the first item, the document as it then stands (no items; the mapping that leads so
  // far): a stream may write the head ahead of the items, and mend it in finish() if it changed.
  virtual void begin(const Document& /*so_far*/) {}
  virtual void item(const Item& item) = 0;
  // The rest of the document (its `items` are ignored: they came through item()), known once the
  // last item is: writes the whole output.
  virtual void finish(const Document& document) = 0;
};

// A database open for appending: each document committed as it is handed over, so a batch
// stopped at file 900 keeps the 899 before it.
class DocumentAppender {
 public:
  virtual ~DocumentAppender() = default;
  // Writes and commits one document; throws (leaving the ones before it) when it cannot.
  virtual void append(const Document& document) = 0;
};

// A file or stream output written one document at a time, in the order the documents are
// appended, so a batch of any size is never whole in memory: finish() writes what comes after
// the last document (the output is complete only then). Byte for byte what write() gives for
// the same documents.
class DocumentWriter : public DocumentAppender {
 public:
  virtual void finish() = 0;
};

// Thrown by append() when the output itself has gone (a database server stopped, a connection
// dropped): the documents committed before are kept, and no later one can be stored until it
// comes back. Its message names the output, never a password.
class OutputUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Exporter {
 public:
  virtual ~Exporter() = default;
  virtual std::string_view name() const = 0;
  // Extensions (lower case, no dot) that select this exporter.
  virtual std::vector<std::string_view> extensions() const = 0;
  // Text formats can stream to stdout; binary ones cannot.
  virtual bool can_stream() const { return true; }
  // A database is appended to where it stands: the caller passes the target itself to write_file,
  // not a temporary file to rename over it (which would lose what the target already holds).
  virtual bool writes_in_place() const { return false; }
  // The output names a database server (a connection string), not a file: nothing is made,
  // renamed or walked on disk for it.
  virtual bool output_is_connection() const { return false; }
  // The output as messages show it (a connection string without its password).
  virtual std::string shown_output(const std::string& output) const { return output; }
  // A database output's stored source sha256s (for --skip-unchanged); empty when it holds none.
  virtual std::set<std::string> stored_sha256(const std::string& /*output*/) const { return {}; }
  // The tables a format can write one of (`convert --table NAME`), its default first; empty for
  // a format that writes every table in one output.
  virtual std::vector<std::string_view> tables() const { return {}; }
  // This format writing `table` (one of tables()) instead of its default; nullptr for a name it
  // does not know.
  virtual std::unique_ptr<Exporter> for_table(std::string_view /*table*/) const { return nullptr; }
  virtual void write(const std::vector<Document>& documents, std::ostream& out) const = 0;
  // A format that can take a single document's items one at a time writes it to `out` through
  // the returned stream, byte for byte as write() would; items may wait in a temporary file in
  // `spill_dir`. nullptr when the format cannot.
  virtual std::unique_ptr<DocumentStream> stream_document(
      std::ostream& /*out*/, const std::filesystem::path& /*spill_dir*/) const {
    return nullptr;
  }
  // The same into the file at `path` (created, or emptied), which the stream may read back and
  // rewrite: items can go straight to it. Errors throw. nullptr when the format cannot.
  virtual std::unique_ptr<DocumentStream> stream_document_to_file(
      const std::filesystem::path& /*path*/) const {
    return nullptr;
  }
  // A format that writes_in_place(): the target opened (created if need be) for documents one
  // at a time. nullptr for other formats.
  virtual std::unique_ptr<DocumentAppender> open_appender(
      const std::filesystem::path& /*path*/) const {
    return nullptr;
  }
  // A writer of this format's output to `out` (open_writer) or to the file at `path`
  // (open_file_writer: created or emptied; a temporary path the caller renames into place).
  // The default keeps every document and calls write() / write_file() in finish(): correct,
  // but not in flat memory; each file format here overrides it.
  virtual std::unique_ptr<DocumentWriter> open_writer(std::ostream& out) const;
  virtual std::unique_ptr<DocumentWriter> open_file_writer(const std::filesystem::path& path) const;
  // Writes a file at path (a temporary path that the caller renames into place, or the target
  // itself when writes_in_place()).
  virtual void write_file(const std::vector<Document>& documents,
                          const std::filesystem::path& path) const;
};

const std::vector<std::unique_ptr<Exporter>>& exporters();
// The exporter for an output path's extension, or nullptr.
const Exporter* exporter_for(const std::filesystem::path& output);
const Exporter* exporter_named(std::string_view name);

}  // namespace trackport
