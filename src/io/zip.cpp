#include "io/zip.hpp"

#include <zip.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "io/input.hpp"

namespace trackport {

namespace {

constexpr std::size_t kRatioCheckThreshold = std::size_t{1} << 20;  // ratios matter above 1 MiB
constexpr std::size_t kReadChunk = std::size_t{1} << 16;

std::string zip_error_text(zip_error_t* error) {
  const char* text = zip_error_strerror(error);
  return text ? text : "unknown error";
}

std::string zip_error_text(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_text(&error);
  zip_error_fini(&error);
  return text;
}

// Errors while opening: a missing end-of-central-directory record means the bytes are not a
// ZIP at all, or the end of the file is missing.
[[noreturn]] void throw_open_error(int code, bool looks_like_zip) {
  if (code == ZIP_ER_NOZIP && !looks_like_zip) throw InputError("not a ZIP container");
  if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS || code == ZIP_ER_EOF || code == ZIP_ER_READ ||
      code == ZIP_ER_SEEK) {
    throw InputError("truncated or corrupt ZIP: " + zip_error_text(code));
  }
  throw InputError("cannot open the ZIP container: " + zip_error_text(code));
}

std::string size_text(std::size_t bytes) {
  return std::to_string(bytes) + " bytes";
}

}  // namespace

struct ZipArchive::Impl {
  zip_t* archive = nullptr;
  ZipLimits limits;
  std::size_t total_inflated = 0;
  // Exact names first, then a lower-cased index: OOXML part names are case-insensitive and some
  // producers disagree with their own relationships about case.
  std::unordered_map<std::string, zip_uint64_t> by_name;
  std::unordered_map<std::string, zip_uint64_t> by_lower_name;
  std::vector<std::string> names;

  ~Impl() {
    if (archive) zip_discard(archive);
  }

  std::optional<zip_uint64_t> locate(std::string_view name) const {
    if (auto it = by_name.find(std::string(name)); it != by_name.end()) return it->second;
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (auto it = by_lower_name.find(lower); it != by_lower_name.end()) return it->second;
    return std::nullopt;
  }

  void index_entries() {
    zip_int64_t count = zip_get_num_entries(archive, 0);
    if (count < 0) throw InputError("truncated or corrupt ZIP: cannot count entries");
    names.reserve(static_cast<std::size_t>(count));
    for (zip_int64_t i = 0; i < count; ++i) {
      auto index = static_cast<zip_uint64_t>(i);
      const char* name = zip_get_name(archive, index, ZIP_FL_ENC_RAW);
      if (!name) continue;
      std::string entry(name);
      std::string lower = entry;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      by_name.emplace(entry, index);
      by_lower_name.emplace(std::move(lower), index);
      names.push_back(std::move(entry));
    }
  }

  zip_stat_t stat_entry(zip_uint64_t index, const std::string& name) const {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive, index, 0, &stat) != 0) {
      throw InputError("truncated or corrupt ZIP: cannot read the entry " + name);
    }
    return stat;
  }

  // Refuses an entry before inflating it when its declared sizes already break a limit.
  void check_declared(const zip_stat_t& stat, const std::string& name) const {
    if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE) {
      throw InputError("encrypted entry " + name + " in the ZIP container");
    }
    if (!(stat.valid & ZIP_STAT_SIZE)) return;
    check_size(stat.size, total_inflated + stat.size, stat, name);
  }

  // Called with the declared size first, then with the running count of inflated bytes, since a
  // declared size can lie.
  void check_size(std::size_t inflated, std::size_t total, const zip_stat_t& stat,
                  const std::string& name) const {
    if (inflated > limits.max_entry_inflated) {
      throw InputError("ZIP entry " + name + " inflates beyond the limit (" +
                       size_text(limits.max_entry_inflated) + ")");
    }
    if (total > limits.max_total_inflated) {
      throw InputError("ZIP entries inflate beyond the total limit (" +
                       size_text(limits.max_total_inflated) + ") at " + name);
    }
    if (inflated > kRatioCheckThreshold && (stat.valid & ZIP_STAT_COMP_SIZE)) {
      double compressed = static_cast<double>(std::max<zip_uint64_t>(stat.comp_size, 1));
      if (static_cast<double>(inflated) / compressed > limits.max_ratio) {
        throw InputError("ZIP entry " + name + " has a suspicious compression ratio (over " +
                         std::to_string(static_cast<long>(limits.max_ratio)) +
                         ":1); possibly a ZIP bomb");
      }
    }
  }

  zip_file_t* open_entry(zip_uint64_t index, const std::string& name, zip_stat_t& stat) {
    stat = stat_entry(index, name);
    check_declared(stat, name);
    zip_file_t* file = zip_fopen_index(archive, index, 0);
    if (!file) {
      int code = zip_error_code_zip(zip_get_error(archive));
      if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP) {
        throw InputError("encrypted entry " + name + " in the ZIP container");
      }
      throw InputError("truncated or corrupt ZIP: cannot open " + name + ": " +
                       zip_error_text(code));
    }
    return file;
  }
};

std::optional<std::string> read_small_zip_entry(const std::string& path, std::string_view name,
                                                std::size_t max_bytes) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (!archive) return std::nullopt;
  std::optional<std::string> text;
  const std::string entry(name);
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(archive, entry.c_str(), 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE) &&
      stat.size <= max_bytes) {
    if (zip_file_t* file = zip_fopen(archive, entry.c_str(), 0)) {
      std::string bytes(max_bytes + 1, '\0');  // one more: a lying size shows as too long
      const zip_int64_t got = zip_fread(file, bytes.data(), bytes.size());
      if (got >= 0 && static_cast<std::size_t>(got) <= max_bytes) {
        bytes.resize(static_cast<std::size_t>(got));
        text = std::move(bytes);
      }
      zip_fclose(file);
    }
  }
  zip_discard(archive);
  return text;
}

ZipArchive::ZipArchive(std::string_view bytes, ZipLimits limits) : impl_(std::make_unique<Impl>()) {
  impl_->limits = limits;
  if (bytes.empty()) throw InputError("empty file (not a ZIP container)");
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) {
    std::string text = zip_error_text(&error);
    zip_error_fini(&error);
    throw InputError("cannot open the ZIP container: " + text);
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (!archive) {
    zip_source_free(source);
    int code = zip_error_code_zip(&error);
    zip_error_fini(&error);
    throw_open_error(code, looks_like_zip(bytes));
  }
  zip_error_fini(&error);
  impl_->archive = archive;
  impl_->index_entries();
}

ZipArchive::~ZipArchive() = default;
ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;

struct ZipArchive::EntryReader::State {
  Impl* impl = nullptr;
  zip_file_t* file = nullptr;
  zip_stat_t stat{};
  std::string name;
  std::size_t used = 0;

  ~State() {
    if (file) zip_fclose(file);
  }
};

ZipArchive::EntryReader::EntryReader(std::unique_ptr<State> state) : state_(std::move(state)) {}
ZipArchive::EntryReader::~EntryReader() = default;
ZipArchive::EntryReader::EntryReader(EntryReader&&) noexcept = default;
ZipArchive::EntryReader& ZipArchive::EntryReader::operator=(EntryReader&&) noexcept = default;

std::size_t ZipArchive::EntryReader::declared_size() const {
  return (state_->stat.valid & ZIP_STAT_SIZE) ? static_cast<std::size_t>(state_->stat.size) : 0;
}

std::size_t ZipArchive::EntryReader::read(char* out, std::size_t size) {
  State& state = *state_;
  if (!state.file || size == 0) return 0;
  zip_int64_t got = zip_fread(state.file, out, size);
  if (got < 0) {
    throw InputError("truncated or corrupt ZIP: cannot inflate " + state.name + ": " +
                     zip_error_text(zip_file_get_error(state.file)));
  }
  auto count = static_cast<std::size_t>(got);
  // Counted as they arrive: a declared size can lie.
  state.impl->check_size(state.used + count, state.impl->total_inflated + count, state.stat,
                         state.name);
  state.used += count;
  state.impl->total_inflated += count;
  if (count == 0) {
    zip_fclose(state.file);
    state.file = nullptr;
  }
  return count;
}

std::optional<ZipArchive::EntryReader> ZipArchive::open(std::string_view name) {
  auto index = impl_->locate(name);
  if (!index) return std::nullopt;
  auto state = std::make_unique<EntryReader::State>();
  state->impl = impl_.get();
  state->name = std::string(name);
  state->file = impl_->open_entry(*index, state->name, state->stat);
  return EntryReader(std::move(state));
}

bool ZipArchive::looks_like_zip(std::string_view bytes) {
  return bytes.size() >= 4 && bytes[0] == 'P' && bytes[1] == 'K' &&
         ((bytes[2] == '\3' && bytes[3] == '\4') || (bytes[2] == '\5' && bytes[3] == '\6'));
}

std::vector<std::string> ZipArchive::entry_names() const {
  return impl_->names;
}

bool ZipArchive::has(std::string_view name) const {
  return impl_->locate(name).has_value();
}

std::optional<std::string> ZipArchive::read(std::string_view name) {
  auto reader = open(name);
  if (!reader) return std::nullopt;
  std::string bytes;
  // The declared size is only a hint for the first allocation, never trusted beyond the limit.
  bytes.resize(std::min(reader->declared_size(), impl_->limits.max_entry_inflated) + 1);
  std::size_t used = 0;
  for (;;) {
    if (used == bytes.size()) bytes.resize(bytes.size() + std::max(bytes.size() / 2, kReadChunk));
    std::size_t got = reader->read(bytes.data() + used, bytes.size() - used);
    if (got == 0) break;
    used += got;
  }
  bytes.resize(used);
  return bytes;
}

}  // namespace trackport
