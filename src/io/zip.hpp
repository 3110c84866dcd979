// Reading ZIP containers (xlsx, docx, ods) with limits against zip bombs.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trackport {

struct ZipLimits {
  std::size_t max_total_inflated = std::size_t{1} << 30;  // all entries read, together
  std::size_t max_entry_inflated = std::size_t{512} << 20;
  double max_ratio = 200.0;  // inflated / compressed, per entry (only checked above 1 MiB)
};

// A ZIP archive held in memory (the bytes must outlive the archive). Throws InputError with a
// one-line reason: "not a ZIP container", "truncated or corrupt ZIP: ...", "encrypted entry ...",
// "ZIP entry xl/worksheets/sheet1.xml inflates beyond the limit (... bytes)".
// One small entry of the ZIP file at `path`, read from the file without loading the rest:
// nullopt when the file is no readable ZIP, has no such entry, or the entry inflates beyond
// `max_bytes`. For a quick look at many files (which of a folder's workbooks trackport wrote).
std::optional<std::string> read_small_zip_entry(const std::string& path, std::string_view name,
                                                std::size_t max_bytes);

class ZipArchive {
 public:
  ZipArchive(std::string_view bytes, ZipLimits limits = {});
  ~ZipArchive();
  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;

  // True when the bytes start like a ZIP file ("PK\3\4" or an empty archive's "PK\5\6").
  static bool looks_like_zip(std::string_view bytes);

  std::vector<std::string> entry_names() const;
  bool has(std::string_view name) const;
  // The whole entry, inflated; nullopt when there is no such entry.
  std::optional<std::string> read(std::string_view name);

  // Inflates one entry piece by piece under the same limits as read(), so a big part can be
  // parsed while it streams (the archive must outlive the reader).
  class EntryReader {
   public:
    ~EntryReader();
    EntryReader(EntryReader&&) noexcept;
    EntryReader& operator=(EntryReader&&) noexcept;
    // Up to `size` inflated bytes into `out`; 0 at the end of the entry. Throws InputError.
    std::size_t read(char* out, std::size_t size);
    // The size the ZIP declares (it may lie; read() still enforces the limits).
    std::size_t declared_size() const;

   private:
    friend class ZipArchive;
    struct State;
    explicit EntryReader(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
  };
  // nullopt when there is no such entry.
  std::optional<EntryReader> open(std::string_view name);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace trackport
