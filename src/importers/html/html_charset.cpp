#include "importers/html/html_charset.hpp"

#include "io/text_encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <optional>

namespace trackport {

namespace {

// The meta tags that name the charset sit in <head>; HTML5 says to look at the first 1024
// bytes, Word puts its <meta> a little further down after the namespaces, so look further.
constexpr std::size_t kCharsetScanBytes = 8192;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_charset_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' ||
         c == '.';
}

// Converts with iconv; nullopt when iconv does not know the encoding or the bytes are invalid.
std::optional<std::string> iconv_to_utf8(std::string_view bytes, const std::string& from) {
  iconv_t cd = iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out;
  out.resize(bytes.size() * 2 + 16);
  std::string input(bytes);
  char* in_ptr = input.data();
  std::size_t in_left = input.size();
  std::size_t used = 0;
  bool ok = true;
  while (in_left > 0) {
    char* out_ptr = out.data() + used;
    std::size_t out_left = out.size() - used;
    std::size_t rc = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    used = out.size() - out_left;
    if (rc != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    ok = false;  // EILSEQ or EINVAL: not in this encoding
    break;
  }
  iconv_close(cd);
  if (!ok) return std::nullopt;
  out.resize(used);
  return out;
}

bool names_windows_1252(const std::string& charset) {
  // HTML's encoding standard reads all of these labels as windows-1252.
  static constexpr std::array<std::string_view, 8> kLabels = {
      "windows-1252", "cp1252",   "iso-8859-1", "iso8859-1",
      "latin1",       "us-ascii", "ascii",      "x-cp1252"};
  return std::find(kLabels.begin(), kLabels.end(), charset) != kLabels.end();
}

}  // namespace

std::string declared_charset(std::string_view bytes) {
  std::string head = lower(bytes.substr(0, std::min(bytes.size(), kCharsetScanBytes)));
  std::size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    std::size_t end = head.find('>', pos);
    if (end == std::string::npos) break;
    std::string_view tag(head.data() + pos, end - pos);
    std::size_t at = tag.find("charset");
    if (at != std::string_view::npos) {
      at += 7;
      while (at < tag.size() &&
             (tag[at] == ' ' || tag[at] == '=' || tag[at] == '"' || tag[at] == '\'')) {
        ++at;
      }
      std::size_t stop = at;
      while (stop < tag.size() && is_charset_char(tag[stop])) ++stop;
      if (stop > at) return std::string(tag.substr(at, stop - at));
    }
    pos = end;
  }
  return "";
}

DecodedHtml decode_html(std::string_view bytes) {
  DecodedHtml result;
  if (bytes.starts_with("\xEF\xBB\xBF")) {  // a BOM wins over any declaration
    bytes.remove_prefix(3);
    result.encoding = "UTF-8";
    if (is_valid_utf8(bytes)) {
      result.utf8 = std::string(bytes);
    } else {
      result.fell_back_to_windows_1252 = true;
      result.encoding = "windows-1252";
      result.utf8 = windows_1252_to_utf8(bytes);
    }
    return result;
  }
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    // Word's "Unicode" web pages are UTF-16 with a BOM.
    result.encoding = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    if (auto converted = iconv_to_utf8(bytes.substr(2), result.encoding)) {
      result.utf8 = std::move(*converted);
      return result;
    }
    result.encoding = "windows-1252";
    result.fell_back_to_windows_1252 = true;
    result.utf8 = windows_1252_to_utf8(bytes);
    return result;
  }

  std::string charset = declared_charset(bytes);
  if (names_windows_1252(charset)) {
    result.encoding = "windows-1252";
    result.utf8 = windows_1252_to_utf8(bytes);
    return result;
  }
  if (!charset.empty() && charset != "utf-8" && charset != "utf8") {
    if (auto converted = iconv_to_utf8(bytes, charset)) {
      result.encoding = charset;
      result.utf8 = std::move(*converted);
      return result;
    }
  }
  if (is_valid_utf8(bytes)) {
    result.encoding = "UTF-8";
    result.utf8 = std::string(bytes);
    return result;
  }
  result.encoding = "windows-1252";
  result.fell_back_to_windows_1252 = true;
  result.utf8 = windows_1252_to_utf8(bytes);
  return result;
}

}  // namespace trackport
