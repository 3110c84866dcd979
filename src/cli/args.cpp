#include "cli/args.hpp"

#include <charconv>

namespace trackport::cli {

namespace {

const OptionSpec* find_long(std::span<const OptionSpec> specs, std::string_view name) {
  for (const auto& spec : specs) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

const OptionSpec* find_short(std::span<const OptionSpec> specs, char name) {
  for (const auto& spec : specs) {
    if (spec.short_name != 0 && spec.short_name == name) return &spec;
  }
  return nullptr;
}

}  // namespace

Args::Args(std::span<const std::string> words, std::span<const OptionSpec> specs) {
  bool options_done = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (options_done || word == "-" || !word.starts_with("-")) {
      positional_.push_back(word);
      continue;
    }
    if (word == "--") {
      options_done = true;
      continue;
    }
    const OptionSpec* spec = nullptr;
    std::string inline_value;
    bool has_inline = false;
    if (word.starts_with("--")) {
      std::string_view body = std::string_view(word).substr(2);
      auto equals = body.find('=');
      if (equals != std::string_view::npos) {
        inline_value = std::string(body.substr(equals + 1));
        has_inline = true;
        body = body.substr(0, equals);
      }
      spec = find_long(specs, body);
    } else if (word.size() == 2) {
      spec = find_short(specs, word[1]);
    }
    if (!spec) throw UsageError("unknown option " + word);
    std::string value;
    if (spec->takes_value) {
      if (has_inline) {
        value = inline_value;
      } else if (i + 1 < words.size()) {
        value = words[++i];
      } else {
        throw UsageError("option --" + std::string(spec->name) + " needs a value");
      }
    } else if (has_inline) {
      throw UsageError("option --" + std::string(spec->name) + " takes no value");
    }
    // An option given twice would leave one of them silently unused.
    if (spec->takes_value && values_.count(std::string(spec->name))) {
      throw UsageError("option --" + std::string(spec->name) + " is given twice; give it once");
    }
    values_[std::string(spec->name)] = value;
  }
}

std::string Args::value(std::string_view name, std::string fallback) const {
  auto found = values_.find(std::string(name));
  return found == values_.end() ? fallback : found->second;
}

unsigned Args::number(std::string_view name, unsigned fallback) const {
  auto found = values_.find(std::string(name));
  if (found == values_.end()) return fallback;
  unsigned result = 0;
  const auto& text = found->second;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), result);
  if (error != std::errc() || end != text.data() + text.size() || result == 0) {
    throw UsageError("option --" + std::string(name) + " needs a positive whole number");
  }
  return result;
}

double Args::seconds(std::string_view name) const {
  auto found = values_.find(std::string(name));
  if (found == values_.end()) return 0;
  try {
    std::size_t used = 0;
    double value = std::stod(found->second, &used);
    if (used == found->second.size() && value > 0) return value;
  } catch (const std::exception&) {
  }
  throw UsageError("option --" + std::string(name) + " needs a positive number of seconds");
}

}  // namespace trackport::cli
