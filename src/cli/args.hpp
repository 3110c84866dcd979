// Command-line options, parsed in one place for every command.
#pragma once

#include <map>
#include <optional>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace trackport::cli {

// A mistake in how the command was called: exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string_view name;  // long name without "--"
  char short_name = 0;    // 0 = none
  bool takes_value = false;
};

// " (did you mean X?)" for the candidate closest to a mistyped `word` (within a couple of
// edits), "" when none is close; `quote` wraps the suggestion ("--" for options, "'" ...).
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates,
                         std::string_view before = "", std::string_view after = "");

class Args {
 public:
  // Throws UsageError for an unknown option or a missing value.
  Args(std::span<const std::string> words, std::span<const OptionSpec> specs);

  const std::vector<std::string>& positional() const { return positional_; }
  bool has(std::string_view name) const { return values_.count(std::string(name)) > 0; }
  std::string value(std::string_view name, std::string fallback = "") const;
  unsigned number(std::string_view name, unsigned fallback) const;
  // A positive decimal number of seconds ("30", "0.5").
  double seconds(std::string_view name) const;

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::string> values_;
};

// The password for encrypted PDFs: --password, else the TRACKPORT_PDF_PASSWORD environment
// variable (which keeps it out of the process list and shell history), else none.
std::optional<std::string> pdf_password(const Args& args);

// Exit codes.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // some input could not be converted, or output failed
inline constexpr int kExitUsage = 2;

int run_convert(std::span<const std::string> words);
int run_diff(std::span<const std::string> words);
int run_inspect(std::span<const std::string> words);
int run_mappings(std::span<const std::string> words);
int run_tables(std::span<const std::string> words);
// trackport --list-formats: what it reads and what it writes.
void print_formats(std::ostream& out);

}  // namespace trackport::cli
