#include "mapping/period.hpp"

#include "mapping/regex.hpp"
#include "model/text.hpp"

namespace trackport {

std::optional<std::string> find_period(std::string_view text) {
  if (text.empty() || text.size() > 200) return std::nullopt;
  static const std::string kMonth =
      "(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|"
      "oct(ober)?|nov(ember)?|dec(ember)?)";
  static const std::string kYear = "(19|20)[0-9]{2}([/-][0-9]{2,4})?";
  static const std::string kQuarter =
      "((quarter|qtr)[ ]+(one|two|three|four|1|2|3|4)|q[1-4]|(first|second|third|fourth)[ ]+"
      "quarter)";
  // A month names the period only a few words after one that says it is one ("Update June 2014",
  // "Position at 30 September 2024", "Progress against actions, March 2014"); "Approved 27 April
  // 2012" is a date, not a period.
  static const std::string kLead =
      "\\b(update|updated|position|progress|performance|monitoring|report|review|return|"
      "period|as at|as of|quarter ending|year ending|ending)\\b(([ :,-]+[a-z]+){0,3})[ :,-]*";
  static const Regex quarter("\\b" + kQuarter + "([ ,]+" + kYear + ")?\\b");
  static const Regex month(kLead + "(([0-9]{1,2}(st|nd|rd|th)? )?" + kMonth +
                           "[ ,]+(19|20)[0-9]{2})\\b");
  const std::string line = collapse_whitespace(text);
  if (auto found = quarter.find(line)) return std::string((*found)[0]);
  // The period itself, without the word that led to it.
  if (auto found = month.find(line)) return std::string((*found)[4]);
  return std::nullopt;
}

}  // namespace trackport
