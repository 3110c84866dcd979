// The mappings a team keeps beside the built-in ones: every *.yaml in a mapping folder (given
// with --mappings DIR, listed in the TRACKPORT_MAPPINGS variable, or in the XDG config folder
// ~/.config/trackport/mappings). A kept mapping with a `recognise:` block is tried on every table
// before the built-in ones, so a team with thirty council layouts never sorts its files by layout.
#pragma once

#include <deque>
#include <filesystem>
#include <string>
#include <vector>

#include "mapping/mapping.hpp"

namespace trackport {

class MappingCatalogue {
 public:
  // Reads every .yaml/.yml file of each folder, in order; a folder that does not exist is
  // skipped, and a mapping named as one of an earlier folder is left out (the earlier wins).
  // Throws MappingError ("file:line:column: ...") for a bad mapping, or for two mappings of the
  // same name in one folder.
  static MappingCatalogue load(const std::vector<std::filesystem::path>& folders);

  // The folders searched: `given` (--mappings, which must exist), then those of the
  // TRACKPORT_MAPPINGS variable (separated by ':'), then $XDG_CONFIG_HOME/trackport/mappings
  // (or ~/.config/trackport/mappings).
  static std::vector<std::filesystem::path> folders(const std::vector<std::string>& given);

  // The kept mappings, in the order read.
  const std::deque<Mapping>& kept() const { return kept_; }
  std::vector<const Mapping*> kept_pointers() const;
  std::vector<std::filesystem::path> folders_read() const { return folders_read_; }

  // A mapping by name: a built-in, else a kept one, else a mapping file at that path. Throws
  // MappingError when there is none.
  Mapping resolve(const std::string& name_or_path) const;

 private:
  std::deque<Mapping> kept_;  // stable addresses: tables point at their mapping
  std::vector<std::filesystem::path> folders_read_;
};

}  // namespace trackport
