// One file converted while it is read: the importer reads sheet rows on a second thread, this
// thread builds tables and items from them, and each finished item goes straight to the output.
// A big sheet is then never whole in memory, as cells or as items, and reading overlaps mapping
// and writing. The output is byte for byte what convert_to_documents and Exporter::write give.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>

#include "exporters/exporter.hpp"
#include "pipeline/convert.hpp"

namespace trackport {

struct StreamedDocument {
  Document document;  // everything but the items, which went to the stream
  std::size_t items = 0;
};

// Converts `path` into `stream` and calls its finish. Returns nullopt, having finished nothing,
// when the file cannot go this way (a format read whole, merged cells, rows out of order, a
// standard workbook, a file that fails to read): use convert_to_documents then, which also gives
// the error of a file that fails.
std::optional<StreamedDocument> convert_streamed(const std::filesystem::path& path,
                                                 const ConvertOptions& options,
                                                 DocumentStream& stream);

}  // namespace trackport
