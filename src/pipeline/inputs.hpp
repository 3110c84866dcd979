// Which files a run converts, and with what settings: arguments and manifests expanded into
// files, folders walked, per-folder trackport.yaml settings found, shards selected.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mapping/catalogue.hpp"
#include "mapping/mapping.hpp"

namespace trackport {

// A folder's trackport.yaml: who the files under it come from and how to read them.
//   organisation: Sheffield City Council
//   mapping: sheffield-child-poverty      # a built-in name, or a file relative to the yaml
struct FolderSettings {
  std::filesystem::path file;  // the trackport.yaml
  std::string organisation;
  std::string period;  // the reporting period of the files under it ("Quarter two 2024/25")
  std::optional<Mapping> mapping;
  std::string mapping_spec;  // the built-in name, or the mapping file's path
  // Why the file could not be read ("trackport.yaml:3:1: unknown key 'maping'"): every file under
  // it then fails with this line, and the rest of the batch converts.
  std::string error;
};

// Reads a trackport.yaml; throws MappingError ("file:line:column: ...") when it is wrong.
// A mapping named there is a built-in, one of `catalogue` (when given), or a file.
FolderSettings read_folder_settings(const std::filesystem::path& file,
                                    const MappingCatalogue* catalogue = nullptr);

struct InputJob {
  std::filesystem::path path;
  std::shared_ptr<const FolderSettings> settings;  // nullptr: no trackport.yaml applies
};

// A file found that is not converted, and why ("not a format trackport reads (.doc)").
struct SkippedInput {
  std::filesystem::path path;
  std::string reason;
};

struct ExpandedInputs {
  std::vector<InputJob> jobs;        // in a stable order: arguments in order, folders sorted
  std::vector<std::string> missing;  // arguments that do not exist
  std::vector<SkippedInput> skipped;
};

// Extensions trackport reads, lower case without the dot.
bool is_supported_extension(const std::string& extension);

// Files as given ("-" is standard input); folders walked recursively, each folder's files sorted by
// path. Every file a walk finds is a job or skipped with its reason: a format trackport does not
// read, an Office lock file ("~$x.xlsx"), `output` (this run's own output), a workbook or CSV
// file trackport wrote (its outputs are inputs only when named), or a file already listed (by a
// manifest, an argument or another folder). Hidden files and folders and .yaml files (mappings,
// settings) are passed over without a word. A file takes the settings of the nearest trackport.yaml
// in its folder or above it, up to the folder named on the command line; a trackport.yaml that
// cannot be read gives its files settings that carry the error (FolderSettings::error).
// Legacy formats read through LibreOffice (.doc, .xlsb ...: pipeline/legacy_formats.hpp) are
// jobs when `libreoffice` is true, else skipped with the package to install.
ExpandedInputs expand_inputs(const std::vector<std::string>& arguments,
                             const MappingCatalogue* catalogue = nullptr,
                             const std::filesystem::path& output = {}, bool libreoffice = false);

// True when `path` is a workbook trackport wrote (it carries kOutputProperty).
bool is_trackport_output(const std::filesystem::path& path);

// A manifest: one path a line; blank lines and lines starting with '#' are skipped.
// Throws std::runtime_error when the manifest cannot be read.
std::vector<std::string> read_manifest(const std::filesystem::path& manifest);

// "K/N" (1 <= K <= N): which share of the inputs this run converts; nullopt when malformed.
struct Shard {
  unsigned index = 1;
  unsigned count = 1;
};
std::optional<Shard> parse_shard(const std::string& text);
// Keeps every N-th input starting at the K-th, so shards are disjoint, cover everything, and
// any scheduler (GNU parallel, a Kubernetes indexed Job, a Slurm array) can split a batch.
std::vector<InputJob> select_shard(std::vector<InputJob> jobs, Shard shard);

}  // namespace trackport
