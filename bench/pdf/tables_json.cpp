// Development driver for the ICDAR 2013 benchmark: reads PDFs with trackport's PDF importer and
// writes each one's tables in MODEL.md's "Raw tables" JSON (what `trackport tables` will print).
//   tables_json OUT_DIR FILE.pdf...   writes OUT_DIR/FILE.json, prints "pages wall-ms cpu-ms"
#include <poppler/cpp/poppler-document.h>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "importers/pdf/pdf_importer.hpp"

namespace {

int first_page(const std::string& pages) {
  return pages.empty() ? 0 : std::stoi(pages);
}

nlohmann::json box_json(const trackport::Box& box) {
  return nlohmann::json::array({box[0], box[1], box[2], box[3]});
}

nlohmann::json table_json(const trackport::Table& table) {
  nlohmann::json out;
  const int first = first_page(table.pages);
  const auto dash = table.pages.find('-');
  const int last = dash == std::string::npos ? first : std::stoi(table.pages.substr(dash + 1));
  out["page"] = first;
  out["pages"] = nlohmann::json::array({first, last});
  if (table.bbox) out["bbox"] = box_json(*table.bbox);
  if (!table.headings.empty()) out["headings"] = table.headings;
  nlohmann::json cells = nlohmann::json::array();
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
      const trackport::Cell& cell = table.rows[r][c];
      if (cell.covered) continue;
      nlohmann::json j{{"row", r},
                       {"col", c},
                       {"row_span", cell.row_span},
                       {"col_span", cell.col_span},
                       {"text", cell.text},
                       {"page", first_page(table.row_origins[r].page)}};
      if (cell.bbox) j["bbox"] = box_json(*cell.bbox);
      if (cell.fill) j["fill"] = trackport::to_hex(*cell.fill);
      if (table.row_origins[r].page.find('-') != std::string::npos)
        j["rows_page"] = table.row_origins[r].page;
      cells.push_back(std::move(j));
    }
  }
  out["cells"] = std::move(cells);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: tables_json OUT_DIR FILE.pdf...\n";
    return 2;
  }
  const std::filesystem::path out_dir = argv[1];
  std::filesystem::create_directories(out_dir);
  const auto importer = trackport::make_pdf_importer();
  long pages = 0;
  double ms = 0, cpu_ms = 0;
  for (int i = 2; i < argc; ++i) {
    trackport::InputFile input;
    input.path = argv[i];
    std::ifstream in(input.path, std::ios::binary);
    input.bytes.assign(std::istreambuf_iterator<char>(in), {});
    nlohmann::json out{{"file", input.path.filename().string()},
                       {"tables", nlohmann::json::array()}};
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    try {
      const trackport::SourceDocument document = importer->read(input, {});
      for (const auto& table : document.tables) out["tables"].push_back(table_json(table));
      for (const auto& w : document.warnings)
        std::cerr << input.path.string() << ": " << w.message << "\n";
    } catch (const trackport::InputError& error) {
      std::cerr << input.path.string() << ": " << error.what() << "\n";
    }
    ms +=
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    cpu_ms += 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    {  // counted after the import, so poppler's messages are already silenced
      std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
          input.bytes.data(), static_cast<int>(input.bytes.size())));
      if (doc && !doc->is_locked()) pages += doc->pages();
    }
    std::ofstream(out_dir / (input.path.stem().string() + ".json")) << out.dump(1) << "\n";
  }
  std::cout << pages << " " << ms << " " << cpu_ms << "\n";
  return 0;
}
