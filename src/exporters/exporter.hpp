// The exporter interface: each writes a list of Documents in one format, reading only the model.
#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <string_view>
#include <vector>

#include "model/document.hpp"

namespace trackport {

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
  virtual void write(const std::vector<Document>& documents, std::ostream& out) const = 0;
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
