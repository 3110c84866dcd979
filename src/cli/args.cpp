#include "cli/args.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <vector>

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

// Levenshtein distance, two rows.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t swap = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + swap});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

}  // namespace

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates,
                         std::string_view before, std::string_view after) {
  std::string_view best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 4) + 1;
  for (const auto candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  if (best.empty()) return {};
  return " (did you mean " + std::string(before) + std::string(best) + std::string(after) + "?)";
}

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
    if (!spec) {
      std::vector<std::string_view> names;
      for (const auto& known : specs) names.push_back(known.name);
      const std::string_view typed = word.starts_with("--")
                                         ? std::string_view(word).substr(2, word.find('=') - 2)
                                         : std::string_view(word).substr(1);
      throw UsageError("unknown option " + word + did_you_mean(typed, names, "--"));
    }
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

std::optional<std::string> pdf_password(const Args& args) {
  if (args.has("password")) return args.value("password");
  if (const char* from_env = std::getenv("TRACKPORT_PDF_PASSWORD")) return std::string(from_env);
  return std::nullopt;
}

}  // namespace trackport::cli
