// The floor: the least any xlsx reader must do. Opens the ZIP with libzip, inflates the first
// worksheet, parses it in place with pugixml and walks every cell's value. Nothing else.
//   g++ -O2 -std=c++20 floor.cpp -lzip -lpugixml -o floor && ./floor big.xlsx
#include <zip.h>

#include <cstdio>
#include <pugixml.hpp>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  int error = 0;
  zip_t* archive = zip_open(argv[1], ZIP_RDONLY, &error);
  if (!archive) return 1;
  const char* part = "xl/worksheets/sheet1.xml";
  zip_stat_t stat;
  if (zip_stat(archive, part, 0, &stat) != 0) return 1;
  std::string xml(stat.size, '\0');
  zip_file_t* file = zip_fopen(archive, part, 0);
  if (!file || zip_fread(file, xml.data(), stat.size) != static_cast<zip_int64_t>(stat.size))
    return 1;
  zip_fclose(file);
  pugi::xml_document doc;
  if (!doc.load_buffer_inplace(xml.data(), xml.size())) return 1;
  std::size_t cells = 0;
  std::size_t value_bytes = 0;
  for (pugi::xml_node row : doc.child("worksheet").child("sheetData").children("row")) {
    for (pugi::xml_node c : row.children("c")) {
      ++cells;
      value_bytes += std::char_traits<char>::length(c.child("v").child_value());
    }
  }
  std::fprintf(stderr, "%zu cells, %zu value bytes\n", cells, value_bytes);
  zip_discard(archive);
  return 0;
}
