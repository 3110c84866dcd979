#include <catch2/catch.hpp>

#include <cstring>

#include "io/input.hpp"
#include "io/zip.hpp"
#include "unit/io/zip_writer.hpp"

using trackport::InputError;
using trackport::ZipArchive;
using trackport::ZipLimits;
using trackport::test::make_zip;

namespace {

std::string error_of(std::string_view bytes, ZipLimits limits = {},
                     std::string_view entry = "a.xml") {
  try {
    ZipArchive zip(bytes, limits);
    zip.read(entry);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

// Overwrites the 4-byte little-endian field at `offset`.
void put_u32(std::string& bytes, std::size_t offset, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes[offset + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

}  // namespace

TEST_CASE("zip: lists and reads entries, case-insensitively as a fallback") {
  std::string bytes = make_zip({{"a.xml", "<a/>"}, {"Dir/B.xml", std::string(5000, 'x')}});
  REQUIRE(ZipArchive::looks_like_zip(bytes));
  ZipArchive zip(bytes);
  auto names = zip.entry_names();
  REQUIRE(names == std::vector<std::string>{"a.xml", "Dir/B.xml"});
  CHECK(zip.has("a.xml"));
  CHECK(zip.has("dir/b.xml"));
  CHECK_FALSE(zip.has("c.xml"));
  CHECK(zip.read("a.xml") == std::optional<std::string>("<a/>"));
  CHECK(zip.read("dir/b.xml") == std::optional<std::string>(std::string(5000, 'x')));
  CHECK_FALSE(zip.read("missing.xml").has_value());
}

TEST_CASE("zip: an empty entry reads as an empty string") {
  std::string bytes = make_zip({{"empty", ""}});
  ZipArchive zip(bytes);
  CHECK(zip.read("empty") == std::optional<std::string>(""));
}

TEST_CASE("zip: empty input and non-ZIP bytes are refused with one line") {
  CHECK(error_of("") == "empty file (not a ZIP container)");
  CHECK(error_of("hello, this is plainly a text file and not a zip at all") ==
        "not a ZIP container");
  CHECK_FALSE(ZipArchive::looks_like_zip("hello"));
}

TEST_CASE("zip: truncated archives are refused") {
  std::string bytes = make_zip({{"a.xml", std::string(20000, 'a')}});
  for (std::size_t keep : {bytes.size() / 2, bytes.size() - 10, std::size_t{30}}) {
    INFO("kept " << keep << " of " << bytes.size() << " bytes");
    std::string message = error_of(bytes.substr(0, keep));
    CHECK(message.starts_with("truncated or corrupt ZIP"));
  }
}

TEST_CASE("zip: corrupt deflate data is refused when read") {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "<row r=\"" + std::to_string(i) + "\"/>";
  std::string bytes = make_zip({{"a.xml", text}});
  // The compressed data starts after the 30-byte local header and the 5-byte name.
  for (std::size_t i = 40; i < 80; ++i) bytes[i] = static_cast<char>(~bytes[i]);
  std::string message = error_of(bytes);
  CHECK(message.starts_with("truncated or corrupt ZIP"));
}

TEST_CASE("zip: a ZIP bomb is refused before it exhausts memory") {
  std::string zeros(std::size_t{64} << 20, '\0');  // deflates about 1000:1
  std::string bytes = make_zip({{"a.xml", zeros}});
  zeros.clear();
  zeros.shrink_to_fit();
  CHECK(bytes.size() < (std::size_t{1} << 20));
  SECTION("by its ratio") {
    CHECK(error_of(bytes).find("suspicious compression ratio") != std::string::npos);
  }
  SECTION("by the per-entry size limit") {
    ZipLimits limits;
    limits.max_ratio = 1e9;
    limits.max_entry_inflated = 10 << 20;
    CHECK(error_of(bytes, limits) ==
          "ZIP entry a.xml inflates beyond the limit (" + std::to_string(10 << 20) + " bytes)");
  }
  SECTION("by the total size limit") {
    ZipLimits limits;
    limits.max_ratio = 1e9;
    limits.max_total_inflated = 1 << 20;
    CHECK(error_of(bytes, limits).find("total limit") != std::string::npos);
  }
}

TEST_CASE("zip: declared sizes that lie do not get past the limits") {
  std::string data(std::size_t{3} << 20, 'q');
  std::string bytes = make_zip({{"a.xml", data}});
  // Claim 100 bytes uncompressed in the local header (offset 22) and the central directory entry
  // (offset 24 from its signature), as a hostile file would.
  put_u32(bytes, 22, 100);
  auto central = bytes.find(std::string_view("PK\1\2", 4));
  REQUIRE(central != std::string::npos);
  put_u32(bytes, central + 24, 100);
  ZipLimits limits;
  limits.max_ratio = 1e9;
  limits.max_entry_inflated = 1 << 20;
  std::string message = error_of(bytes, limits);
  // Either our running count or libzip's own consistency check stops it; never a full read.
  INFO(message);
  CHECK((message.find("inflates beyond the limit") != std::string::npos ||
         message.starts_with("truncated or corrupt ZIP")));
}

TEST_CASE("zip: encrypted entries are refused") {
  std::string bytes;
  try {
    bytes = make_zip({{"a.xml", "<secret/>", false, true}});
  } catch (const std::runtime_error&) {
    WARN("this libzip cannot write encrypted entries; test skipped");
    return;
  }
  CHECK(error_of(bytes) == "encrypted entry a.xml in the ZIP container");
}

TEST_CASE("zip: stored (uncompressed) entries read as well") {
  std::string bytes = make_zip({{"a.xml", "<stored/>", true}});
  ZipArchive zip(bytes);
  CHECK(zip.read("a.xml") == std::optional<std::string>("<stored/>"));
}

TEST_CASE("zip: the archive can be moved") {
  std::string bytes = make_zip({{"a.xml", "x"}});
  ZipArchive first(bytes);
  ZipArchive second = std::move(first);
  CHECK(second.read("a.xml") == std::optional<std::string>("x"));
}

TEST_CASE("zip: an entry streams piece by piece under the same limits") {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "<c r=\"A" + std::to_string(i) + "\"/>";
  std::string bytes = make_zip({{"a.xml", text}});
  ZipArchive zip(bytes);
  CHECK_FALSE(zip.open("missing.xml").has_value());
  auto reader = zip.open("a.xml");
  REQUIRE(reader.has_value());
  CHECK(reader->declared_size() == text.size());
  std::string streamed;
  char buffer[4096];
  while (std::size_t got = reader->read(buffer, sizeof buffer)) streamed.append(buffer, got);
  CHECK(streamed == text);
  CHECK(reader->read(buffer, sizeof buffer) == 0);

  std::string zeros(std::size_t{8} << 20, '\0');
  std::string bomb = make_zip({{"b.xml", zeros}});
  ZipArchive bombed(bomb);
  // The declared sizes already give it away: refused before a byte is inflated.
  CHECK_THROWS_WITH(bombed.open("b.xml"), Catch::Contains("suspicious compression ratio"));
}
