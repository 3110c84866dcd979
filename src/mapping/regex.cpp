#include "mapping/regex.hpp"

#include <re2/re2.h>

#include <stdexcept>

namespace trackport {

namespace {

re2::StringPiece piece(std::string_view text) {
  return {text.data(), text.size()};
}

std::string_view view(const re2::StringPiece& text) {
  return text.data() ? std::string_view(text.data(), text.size()) : std::string_view();
}

}  // namespace

Regex::Regex(std::string_view pattern, Case letter_case) : pattern_(pattern) {
  RE2::Options options;
  options.set_case_sensitive(letter_case == Case::sensitive);
  options.set_log_errors(false);  // the error goes into the exception, not to stderr
  auto re = std::make_shared<const RE2>(piece(pattern), options);
  if (!re->ok()) {
    std::string why = re->error();
    if (re->error_code() == RE2::ErrorBadPerlOp || re->error_code() == RE2::ErrorBadEscape) {
      why += " (back-references and look-around are not supported: patterns run in linear time)";
    }
    throw std::invalid_argument("bad regular expression '" + pattern_ + "': " + why);
  }
  re_ = std::move(re);
}

bool Regex::search(std::string_view text) const {
  return RE2::PartialMatch(piece(text), *re_);
}

bool Regex::full_match(std::string_view text) const {
  return RE2::FullMatch(piece(text), *re_);
}

std::optional<std::vector<std::string_view>> Regex::find(std::string_view text) const {
  const int groups = re_->NumberOfCapturingGroups();
  std::vector<re2::StringPiece> found(static_cast<std::size_t>(groups) + 1);
  if (!re_->Match(piece(text), 0, text.size(), RE2::UNANCHORED, found.data(),
                  static_cast<int>(found.size()))) {
    return std::nullopt;
  }
  std::vector<std::string_view> result;
  result.reserve(found.size());
  for (const auto& group : found) result.push_back(view(group));
  return result;
}

std::string Regex::erase_first(std::string_view text) const {
  re2::StringPiece match;
  if (!re_->Match(piece(text), 0, text.size(), RE2::UNANCHORED, &match, 1)) {
    return std::string(text);
  }
  const auto start = static_cast<std::size_t>(match.data() - text.data());
  std::string result(text.substr(0, start));
  result += text.substr(start + match.size());
  return result;
}

}  // namespace trackport
