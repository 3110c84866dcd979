#include "io/libreoffice.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

#include "io/child_process.hpp"
#include "io/input.hpp"

namespace trackport {

namespace fs = std::filesystem;

namespace {

bool is_executable_file(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(path, error) && ::access(path.c_str(), X_OK) == 0;
}

std::optional<fs::path> on_path(std::string_view name) {
  const char* path = std::getenv("PATH");
  if (!path) return std::nullopt;
  std::stringstream folders{std::string(path)};
  std::string folder;
  while (std::getline(folders, folder, ':')) {
    if (folder.empty()) continue;
    fs::path candidate = fs::path(folder) / name;
    if (is_executable_file(candidate)) return candidate;
  }
  return std::nullopt;
}

// A private folder, removed with everything in it when it goes out of scope.
class Sandbox {
 public:
  Sandbox() {
    std::string pattern = (fs::temp_directory_path() / "trackport-libreoffice-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) {
      throw std::runtime_error("cannot create a temporary folder for LibreOffice");
    }
    root_ = pattern;
    for (const char* sub : {"in", "out", "tmp", "home"}) fs::create_directory(root_ / sub);
  }
  ~Sandbox() {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;
  const fs::path& root() const { return root_; }

 private:
  fs::path root_;
};

std::string export_filter(std::string_view target) {
  if (target == "docx") return "docx:MS Word 2007 XML";
  if (target == "xlsx") return "xlsx:Calc MS Excel 2007 XML";
  return std::string(target);
}

// The last line LibreOffice printed that says something, for the error message.
std::string last_line(const std::string& output) {
  std::string last;
  std::stringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
  }
  if (last.size() > 160) last = last.substr(0, 160) + "...";
  return last;
}

std::string read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

std::optional<fs::path> find_libreoffice(const LibreOfficeOptions& options) {
  if (!options.soffice.empty()) {
    if (is_executable_file(options.soffice)) return options.soffice;
    return std::nullopt;
  }
  if (auto found = on_path("soffice")) return found;
  return on_path("libreoffice");
}

std::string convert_with_libreoffice(const fs::path& soffice, std::string_view bytes,
                                     std::string_view extension, std::string_view target,
                                     std::chrono::seconds time_limit) {
  Sandbox sandbox;
  const fs::path input = sandbox.root() / "in" / ("input." + std::string(extension));
  {
    std::ofstream out(input, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write a temporary copy for LibreOffice");
  }
  Program program;
  program.argv = {
      soffice.string(), "-env:UserInstallation=file://" + (sandbox.root() / "profile").string(),
      "--headless",     "--norestore",
      "--nologo",       "--nolockcheck",
      "--convert-to",   export_filter(target),
      "--outdir",       (sandbox.root() / "out").string(),
      input.string()};
  program.environment = {"TMPDIR=" + (sandbox.root() / "tmp").string(),
                         "HOME=" + (sandbox.root() / "home").string()};
  program.working_directory = sandbox.root();
  ChildLimits limits;
  limits.time_limit = time_limit;
  limits.max_output = std::size_t{1} << 20;
  ChildOutcome outcome = run_program(program, limits);
  if (!outcome.started) {
    throw InputError("cannot run LibreOffice (" + soffice.string() + ")");
  }
  if (outcome.timed_out) {
    throw InputError("LibreOffice did not finish converting it within " +
                     std::to_string(time_limit.count()) + " s");
  }
  const fs::path converted = sandbox.root() / "out" / ("input." + std::string(target));
  std::error_code error;
  if (!fs::is_regular_file(converted, error) || fs::file_size(converted, error) == 0) {
    std::string said = last_line(outcome.output);
    throw InputError(
        "LibreOffice could not convert it (damaged, password-protected, or not the format its "
        "name says)" +
        (said.empty() ? std::string() : ": " + said));
  }
  return read_whole(converted);
}

}  // namespace trackport
