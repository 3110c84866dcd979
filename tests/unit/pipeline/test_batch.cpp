// The batch policy as a library call (pipeline/batch.hpp), without the command line: what it
// writes is what `trackport convert` writes, failed files become documents saying so, and a run
// that converts nothing writes nothing.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "exporters/exporter.hpp"
#include "pipeline/batch.hpp"
#include "pipeline/output.hpp"
#include "support/sandbox.hpp"

namespace fs = std::filesystem;
using namespace trackport;
using trackport::testing::Sandbox;

namespace {

const std::string kSamples = fs::path(TRACKPORT_SOURCE_DIR) / "samples";

}  // namespace

TEST_CASE("batch: a folder into one output, byte for byte what the command line writes") {
  Sandbox box;
  REQUIRE(box.run("convert '" + kSamples + "' -o cli.json --in-process --quiet").status == 0);
  const ExpandedInputs inputs = expand_inputs({kSamples});
  REQUIRE(inputs.jobs.size() >= 6);
  std::vector<std::string> files_done;
  BatchEvents events;
  events.file_done = [&](const FileOutcome& outcome) { files_done.push_back(outcome.path); };
  const std::string output = box.path("library.json").string();
  const BatchTotals totals =
      convert_batch_to_output(inputs, ConvertOptions{}, 2, *exporter_named("json"), output, events);
  CHECK(totals.converted == inputs.jobs.size());
  CHECK(totals.failed == 0);
  CHECK(files_done.size() == inputs.jobs.size());
  CHECK(Sandbox::slurp(output) == Sandbox::slurp(box.path("cli.json")));
}

TEST_CASE("batch: a failed file is a document saying so; nothing converted, nothing written") {
  Sandbox box;
  box.write("good.csv", "Ref,Action,Lead,RAG\n1,Open the hub,Jo,Green\n");
  box.write("bad.xlsx", "not a workbook");
  ExpandedInputs inputs = expand_inputs({box.path("bad.xlsx").string(), box.path("good.csv")});
  std::vector<std::string> errors;
  std::vector<std::string> documents;
  BatchEvents events;
  events.file_failed = [&](const fs::path& file, const std::string& error) {
    errors.push_back(file.filename().string() + ": " + error);
  };
  events.document = [&](const Document& document) { documents.push_back(document.source.file); };
  const std::string output = box.path("out.json").string();
  const auto totals =
      convert_batch_to_output(inputs, ConvertOptions{}, 1, *exporter_named("json"), output, events);
  CHECK(totals.converted == 1);
  CHECK(totals.failed == 1);
  REQUIRE(errors.size() == 1);
  CHECK(errors.front().starts_with("bad.xlsx: "));
  // The failed file's document waits for a converted one, then both go out in input order.
  CHECK(documents == std::vector<std::string>{box.path("bad.xlsx"), box.path("good.csv")});
  const std::string json = Sandbox::slurp(output);
  CHECK(json.find("\"code\": \"input-failed\"") != std::string::npos);
  CHECK(json.find("Open the hub") != std::string::npos);

  // Only the failing file: no output at all, not even an empty array.
  inputs.jobs.pop_back();
  const std::string nothing = box.path("nothing.json").string();
  const auto none =
      convert_batch_to_output(inputs, ConvertOptions{}, 1, *exporter_named("json"), nothing, {});
  CHECK(none.converted == 0);
  CHECK(none.failed == 1);
  CHECK_FALSE(none.output_opened);
  CHECK_FALSE(fs::exists(nothing));
}

TEST_CASE("batch: a single file streams only when nothing needs the pool or whole documents") {
  Sandbox box;
  box.write("one.csv", "Ref,Action,Lead,RAG\n1,Open the hub,Jo,Green\n");
  const ExpandedInputs one = expand_inputs({box.path("one.csv").string()});
  CHECK(may_stream_single_file(one, ConvertOptions{}, {}));
  BatchRequests limits;
  limits.limits_given = true;
  CHECK_FALSE(may_stream_single_file(one, ConvertOptions{}, limits));
  BatchRequests inspected;
  inspected.documents_inspected = true;
  CHECK_FALSE(may_stream_single_file(one, ConvertOptions{}, inspected));
  const ExpandedInputs two = expand_inputs({box.path("one.csv").string(), kSamples});
  CHECK_FALSE(may_stream_single_file(two, ConvertOptions{}, {}));

  // A CSV is read whole: it does not stream, and nothing is written.
  CHECK_FALSE(stream_single_file(*exporter_named("json"), one.jobs.front(), ConvertOptions{},
                                 box.path("streamed.json").string())
                  .has_value());
  CHECK_FALSE(fs::exists(box.path("streamed.json")));
  // A database is written in place, never streamed.
  CHECK_FALSE(stream_single_file(*exporter_named("sqlite"), one.jobs.front(), ConvertOptions{},
                                 box.path("out.sqlite").string())
                  .has_value());
}
