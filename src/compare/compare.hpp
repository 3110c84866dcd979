// Comparing two reporting periods of the same plan: which items match, and what changed between
// them (status moves, new and dropped items, leads, due dates, texts). Pure: no I/O. The result's
// types are the model's (model/comparison.hpp), so the exporters that write it need only the model.
#pragma once

#include <string_view>

#include "model/comparison.hpp"
#include "model/document.hpp"

// Installed with the library's API (include/trackport/export.hpp): exported from libtrackport.so.
#pragma GCC visibility push(default)

namespace trackport {

struct CompareOptions {
  // Texts at least this similar (see text_similarity) are the same item.
  double threshold = 0.8;
  // Progress text changes nearly every period: by default only counted (progress_changed);
  // with this set each one is also listed as a ChangeKind::progress change.
  bool list_progress = false;
};

Comparison compare_documents(const Document& old_doc, const Document& new_doc,
                             const CompareOptions& options = {});

// Similarity of two texts, 0..1: the Dice coefficient of their character bigrams after
// normalise_for_match (so case, punctuation and spacing do not count). 1 for equal texts, 0 when
// either is empty.
double text_similarity(std::string_view a, std::string_view b);

}  // namespace trackport

#pragma GCC visibility pop
