// The public API (include/trackport/trackport.hpp): option translation and error wrapping over
// src/pipeline, which does the work for the command line too.
#include "trackport/trackport.hpp"

#include <algorithm>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include "exporters/changes/changes_json.hpp"
#include "exporters/exporter.hpp"
#include "exporters/json/json_exporter.hpp"
#include "importers/importer.hpp"
#include "io/input.hpp"
#include "mapping/catalogue.hpp"
#include "mapping/mapping.hpp"
#include "pipeline/convert.hpp"
#include "pipeline/documents.hpp"
#include "pipeline/inputs.hpp"
#include "pipeline/output.hpp"
#include "pipeline/tables_output.hpp"

namespace trackport {

namespace {

// Options as the pipeline takes them; holds the mapping the options point at.
class PipelineOptions {
 public:
  explicit PipelineOptions(const Options& options) {
    try {
      std::vector<std::string> given;
      for (const auto& folder : options.mapping_folders) given.push_back(folder.string());
      convert_.catalogue = std::make_shared<const MappingCatalogue>(
          MappingCatalogue::load(MappingCatalogue::folders(given)));
      if (!options.mapping.empty()) {
        mapping_ = convert_.catalogue->resolve(options.mapping);
        convert_.mapping = &*mapping_;
      }
    } catch (const MappingError& e) {
      throw InvalidOption("mapping", e.what());
    }
    if (!options.from.empty() && !importer_named(options.from))
      throw InvalidOption("from", "not a format trackport reads: '" + options.from + "'");
    convert_.organisation = options.organisation;
    convert_.period = options.period;
    convert_.isolate = false;  // the library converts in the caller's process
    convert_.import.format = options.from;
    convert_.import.pdf_password = options.password;
    convert_.import.max_inflated_bytes = options.limits.max_inflated_bytes;
    convert_.import.max_compression_ratio = options.limits.max_compression_ratio;
    convert_.import.max_cells = options.limits.max_cells;
    convert_.import.max_table_bytes = options.limits.max_table_bytes;
  }
  PipelineOptions(const PipelineOptions&) = delete;
  PipelineOptions& operator=(const PipelineOptions&) = delete;

  const ConvertOptions& get() const { return convert_; }

 private:
  std::optional<Mapping> mapping_;
  ConvertOptions convert_;
};

// "where: message" unless the message already starts with `where`.
std::string without_prefix(std::string message, const std::string& where) {
  const std::string prefix = where + ": ";
  if (message.starts_with(prefix)) message.erase(0, prefix.size());
  return message;
}

const Exporter& exporter_for_output(const std::string& output, std::string_view format) {
  if (!format.empty()) {
    const auto* exporter = exporter_named(format);
    if (!exporter)
      throw InvalidOption("format", "not an output format: '" + std::string(format) + "'");
    return *exporter;
  }
  if (output == "-") return *exporter_named("json");
  const auto* exporter = exporter_for(output);
  if (!exporter) throw InvalidOption(output, "cannot tell the output format (give a format name)");
  return *exporter;
}

// `exporter`, or the same format writing `table`.
const Exporter& with_table(const Exporter& exporter, std::string_view table,
                           std::unique_ptr<Exporter>& storage) {
  if (table.empty()) return exporter;
  storage = exporter.for_table(table);
  if (!storage) {
    throw InvalidOption("table", "the " + std::string(exporter.name()) + " format has no table '" +
                                     std::string(table) + "'");
  }
  return *storage;
}

}  // namespace

std::string_view version() {
  return TRACKPORT_VERSION;
}

Error::Error(std::string where, const std::string& message)
    : std::runtime_error(where.empty() ? message : where + ": " + message),
      where_(std::move(where)) {}

std::vector<std::string> input_formats() {
  std::vector<std::string> names;
  for (const auto& importer : importers()) names.emplace_back(importer->name());
  if (std::find(names.begin(), names.end(), "csv") != names.end()) names.emplace_back("tsv");
  return names;
}

std::vector<std::string> output_formats() {
  std::vector<std::string> names;
  for (const auto& exporter : exporters()) names.emplace_back(exporter->name());
  return names;
}

std::string identify(const std::filesystem::path& file) {
  try {
    const InputFile input = read_input(file);
    return std::string(choose_importer(input).format_of(input));
  } catch (const std::exception& e) {
    throw InputFailed(file.string(), without_prefix(e.what(), file.string()));
  }
}

namespace {

SourceDocument import_tables(const std::filesystem::path& file, const Options& options) {
  const PipelineOptions pipeline(options);
  try {
    return import_file(file, pipeline.get().import).source;
  } catch (const std::exception& e) {
    throw InputFailed(file.string(), without_prefix(e.what(), file.string()));
  }
}

}  // namespace

std::vector<TableView> tables(const std::filesystem::path& file, const Options& options) {
  const SourceDocument source = import_tables(file, options);
  std::vector<TableView> views;
  for (const auto& table : source.tables) {
    TableView view;
    view.index = table.index;
    view.sheet = table.sheet;
    view.pages = table.pages;
    view.headings = table.headings;
    for (const auto& row : table.rows) {
      auto& texts = view.rows.emplace_back();
      texts.reserve(row.size());
      for (const auto& cell : row) texts.push_back(cell.covered ? std::string() : cell.text);
    }
    views.push_back(std::move(view));
  }
  return views;
}

std::string tables_json(const std::filesystem::path& file, const Options& options) {
  std::ostringstream out;
  write_tables_json(import_tables(file, options), file.string(), out);
  return out.str();
}

std::vector<Document> convert(const std::string& source, const Options& options) {
  const PipelineOptions pipeline(options);
  try {
    return load_documents(source, pipeline.get());
  } catch (const std::exception& e) {
    const std::string shown = shown_source(source);
    throw InputFailed(shown, without_prefix(e.what(), shown));
  }
}

BatchResult convert_batch(const std::vector<std::string>& inputs, const Options& options,
                          const BatchControl& control) {
  const PipelineOptions pipeline(options);
  const ConvertOptions& convert_options = pipeline.get();
  ExpandedInputs expanded;
  try {
    expanded = expand_inputs(inputs, convert_options.catalogue.get(), {},
                             find_libreoffice(convert_options.libreoffice).has_value());
  } catch (const MappingError& e) {
    throw InvalidOption("trackport.yaml", e.what());
  }
  BatchResult result;
  for (const auto& missing : expanded.missing) {
    result.errors.push_back(missing + ": no such file or folder");
    ++result.failed;
  }
  const unsigned jobs =
      control.jobs > 0 ? control.jobs : std::max(1u, std::thread::hardware_concurrency());
  std::size_t done = 0;
  auto on_done = [&](const FileOutcome& outcome) {
    ++done;
    if (control.progress) control.progress(outcome.path, done, expanded.jobs.size());
  };
  auto on_ordered = [&](FileOutcome&& outcome) {
    if (!outcome.error.empty()) {
      ++result.failed;
      result.errors.push_back(outcome.path.string() + ": " + outcome.error);
      result.documents.push_back(failed_document(outcome));
    } else if (!outcome.skipped) {
      ++result.converted;
      for (auto& document : outcome.documents) result.documents.push_back(std::move(document));
    }
    if (control.cancel && control.cancel->load()) throw Cancelled("", "cancelled");
  };
  if (control.cancel && control.cancel->load()) throw Cancelled("", "cancelled");
  convert_files_in_order(expanded.jobs, convert_options, jobs, on_done, on_ordered);
  for (const auto& passed_over : expanded.skipped) {
    result.documents.push_back(
        input_document(passed_over.path, "input-skipped", "not converted: " + passed_over.reason));
  }
  return result;
}

void write(const std::vector<Document>& documents, const std::string& output,
           std::string_view format, std::string_view table) {
  std::unique_ptr<Exporter> table_exporter;
  const Exporter& exporter = with_table(exporter_for_output(output, format), table, table_exporter);
  const std::string shown = exporter.shown_output(output);
  try {
    BatchOutput out(exporter, output, std::cout);
    for (const auto& document : documents) {
      // A database keeps only real imports: a failed file is tried again next time.
      if (exporter.writes_in_place() && only_says_what_became_of_it(document)) continue;
      out.append(document);
    }
    out.commit();
  } catch (const OutputRefused& e) {
    throw InvalidOption(shown, e.what());
  } catch (const std::exception& e) {
    throw OutputFailed(shown, without_prefix(without_prefix(e.what(), "writing " + output), shown));
  }
}

void write(const std::vector<Document>& documents, std::ostream& out, std::string_view format,
           std::string_view table) {
  std::unique_ptr<Exporter> table_exporter;
  const Exporter& exporter = with_table(exporter_for_output("-", format), table, table_exporter);
  if (!exporter.can_stream() || exporter.writes_in_place())
    throw InvalidOption("format", "the " + std::string(exporter.name()) +
                                      " format cannot go to a stream: give a file name");
  try {
    auto writer = exporter.open_writer(out);
    for (const auto& document : documents) writer->append(document);
    writer->finish();
  } catch (const std::exception& e) {
    throw OutputFailed("stream", e.what());
  }
}

std::string to_json(const std::vector<Document>& documents) {
  std::ostringstream out;
  write_json(documents, out);
  return out.str();
}

std::vector<Document> from_json(std::string_view json) {
  try {
    return documents_from_json(nlohmann::ordered_json::parse(json));
  } catch (const std::exception& e) {
    throw InvalidOption("json", std::string("not trackport JSON: ") + e.what());
  }
}

Comparison compare(const Document& old_document, const Document& new_document,
                   const CompareOptions& options) {
  return compare_documents(old_document, new_document, options);
}

std::string comparison_json(const Comparison& comparison) {
  std::ostringstream out;
  write_changes_json(comparison, out);
  return out.str();
}

}  // namespace trackport
