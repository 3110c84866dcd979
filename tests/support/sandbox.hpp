// A temporary folder to run the trackport binary in, as a user would, for command-line tests.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace trackport::testing {

struct Run {
  int status = -1;
  std::string out, err;
};

class Sandbox {
 public:
  Sandbox() {
    dir_ = std::filesystem::temp_directory_path() /
           ("trackport-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
  }
  ~Sandbox() { std::filesystem::remove_all(dir_); }

  std::filesystem::path path(const std::string& name) const { return dir_ / name; }

  std::filesystem::path write(const std::string& name, const std::string& bytes) const {
    auto file = path(name);
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << bytes;
    return file;
  }

  // Runs trackport with the arguments (a shell word list) from inside the sandbox. `environment`
  // ("NAME=value ...") is set for the run; the user's own mapping folders never are (the XDG
  // config folder is the sandbox's, TRACKPORT_MAPPINGS empty), so a run sees only the repository.
  Run run(const std::string& arguments, const std::string& environment = "") const {
    return run_shell("", arguments, environment);
  }

  // The same with `input` (a file in the sandbox) as its standard input.
  Run run_fed(const std::string& input, const std::string& arguments) const {
    return run_shell("", arguments, "", input);
  }

  // The same after shell commands (`shell`, ending in ';') that set up the run: "ulimit -f 16; ".
  // Standard input is `input` (a file in the sandbox), else /dev/null.
  Run run_shell(const std::string& shell, const std::string& arguments,
                const std::string& environment = "", const std::string& input = "") const {
    auto out = path(".stdout"), err = path(".stderr");
    const std::string in = input.empty() ? std::string("/dev/null") : path(input).string();
    std::string command = "cd '" + dir_.string() + "' && " + shell + "XDG_CONFIG_HOME='" +
                          path(".config").string() + "' TRACKPORT_MAPPINGS= " + environment + " '" +
                          TRACKPORT_BINARY + "' " + arguments + " >'" + out.string() + "' 2>'" +
                          err.string() + "' <'" + in + "'";
    int raw = std::system(command.c_str());
    Run run;
    run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    run.out = slurp(out);
    run.err = slurp(err);
    std::filesystem::remove(out);
    std::filesystem::remove(err);
    return run;
  }

  // Files in the sandbox, for checking nothing half-written was left.
  std::vector<std::string> files() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir_))
      names.push_back(entry.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }

  static std::string slurp(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  std::filesystem::path dir_;
  static inline int counter_ = 0;
};

}  // namespace trackport::testing
