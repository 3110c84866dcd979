// The pipeline: input files -> importer -> mapping engine -> Documents. The library face of
// `trackport convert`; the CLI only parses options and prints.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "grid/table.hpp"
#include "importers/importer.hpp"
#include "io/libreoffice.hpp"
#include "mapping/catalogue.hpp"
#include "mapping/engine.hpp"
#include "model/document.hpp"
#include "pipeline/inputs.hpp"

namespace trackport {

struct ConvertOptions {
  const Mapping* mapping = nullptr;  // forced mapping; nullptr = choose per table
  // The mappings the team keeps (mapping folders), tried before the built-in ones.
  std::shared_ptr<const MappingCatalogue> catalogue;
  std::string organisation;  // overrides what the document or mapping says
  std::string period;        // --period: overrides the period the document names
  ImportOptions import;
  // Legacy formats (.doc, .xlsb, Lotus ...) are converted by this LibreOffice first
  // (pipeline/legacy_formats.hpp).
  LibreOfficeOptions libreoffice;
  // Batch safety (pipeline/fork_server.hpp): each file converted in a child process of its own,
  // so that a crash, a hang or an exhausted memory cap is that file's one-line error. The limits
  // apply to each child; 0: none.
  bool isolate = false;
  double timeout_seconds = 0;
  std::size_t memory_limit_bytes = 0;
  // Inputs whose sha256 is in this set are skipped (--skip-unchanged); nullptr: none.
  const std::set<std::string>* skip_sha256 = nullptr;
};

struct ImportedFile {
  InputFile input;
  std::string format;
  SourceDocument source;
};

// Reads a file with the importer that fits it; a legacy format (pipeline/legacy_formats.hpp) is
// converted by LibreOffice first, its format kept ("doc") and the conversion noted in a
// warning. Throws InputError (one line, no file name).
ImportedFile import_file(const std::filesystem::path& path, const ImportOptions& options = {},
                         const LibreOfficeOptions& libreoffice = {});

// The mapping engine's options for a conversion's.
MapOptions map_options_for(const ConvertOptions& options);

// Maps an imported file into a Document.
Document build_document(const ImportedFile& imported, const ConvertOptions& options,
                        MappingResult* details = nullptr);

// The Document of a mapped file: the importer's head (title, period, organisation, warnings), the
// mapping's items and warnings, and the organisation the options or the mapping give.
Document assemble_document(const SourceDocument& head, const InputFile& input,
                           const std::string& format, MappingResult& mapped,
                           const ConvertOptions& options);

// The command line's settings, completed by the file's folder settings (trackport.yaml). Throws
// InputError when that trackport.yaml could not be read.
ConvertOptions options_for(const InputJob& input, const ConvertOptions& options);

// Maps an imported tracker into its Document, freeing its input and grid as they are read.
Document map_imported_file(ImportedFile&& imported, const ConvertOptions& options);

// Every document a file holds: one for a tracker, several for trackport's own standard workbook
// (read back as it was written, mapping skipped), a trackport JSON file's or a database's as
// stored. The same as documents_from (pipeline/documents.cpp, where both are defined): every way
// a path yields Documents. Throws InputError (one line, no file name).
std::vector<Document> convert_to_documents(const std::filesystem::path& path,
                                           const ConvertOptions& options);

// A file that holds exactly one document. Throws InputError otherwise.
Document convert_file(const std::filesystem::path& path, const ConvertOptions& options);

struct FileOutcome {
  std::filesystem::path path;
  std::vector<Document> documents;  // empty when the file failed or was skipped
  std::string error;                // one line, when the file failed
  bool skipped = false;             // unchanged since its last import (ConvertOptions::skip_sha256)
  bool ok() const { return error.empty() && !skipped; }
};

// How many files past the next one to hand over a batch may convert ahead (each waits, converted,
// until those before it are handed over): bounds the documents held at once, whatever the batch.
inline constexpr std::size_t kDefaultReorderWindow = 32;

// Converts files on `jobs` threads and hands each outcome to `on_ordered` in the order of
// `inputs`, whatever `jobs`, as soon as it and every file before it are done: at most `window`
// converted files wait at once, so memory stays flat for a batch of any size. `on_done` (may be
// empty) is called after each file in the order files finish (for progress). Both callbacks are
// serialised (never two at once) and run on the converting threads. An exception from
// `on_ordered` stops the batch (no new file is started) and is thrown from here once the threads
// have stopped.
void convert_files_in_order(const std::vector<InputJob>& inputs, const ConvertOptions& options,
                            unsigned jobs, const std::function<void(const FileOutcome&)>& on_done,
                            const std::function<void(FileOutcome&&)>& on_ordered,
                            std::size_t window = kDefaultReorderWindow);

// The same, keeping every outcome: they come back in the order of `inputs`.
std::vector<FileOutcome> convert_files(const std::vector<InputJob>& inputs,
                                       const ConvertOptions& options, unsigned jobs,
                                       const std::function<void(const FileOutcome&)>& on_done = {});

}  // namespace trackport
