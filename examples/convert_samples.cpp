// convert_samples OUTPUT INPUT...: converts files and folders through the trackport library,
// as `trackport convert INPUT... -o OUTPUT` does (byte for byte the same output).
//
//   cmake -S examples -B build-example -DCMAKE_PREFIX_PATH=/usr/local && cmake --build
//   build-example c++ -std=c++20 convert_samples.cpp $(pkg-config --cflags --libs trackport)
#include <trackport/trackport.hpp>

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: convert_samples OUTPUT INPUT...\n";
    return 2;
  }
  const std::string output = argv[1];
  const std::vector<std::string> inputs(argv + 2, argv + argc);
  try {
    const trackport::BatchResult batch = trackport::convert_batch(inputs);
    for (const auto& error : batch.errors) std::cerr << "convert_samples: " << error << '\n';
    trackport::write(batch.documents, output);
    std::size_t items = 0;
    for (const auto& document : batch.documents) items += document.items.size();
    std::cerr << "converted " << batch.converted << " file(s): " << items << " items -> " << output
              << '\n';
    return batch.failed > 0 ? 1 : 0;
  } catch (const trackport::Error& e) {
    std::cerr << "convert_samples: " << e.what() << '\n';
    return 1;
  }
}
