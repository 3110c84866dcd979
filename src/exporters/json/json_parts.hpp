// The pieces of a Document's JSON form as nlohmann trees, for document_to_json. (The exporters
// write the same form without a tree: json_exporter.cpp.)
#pragma once

#include <nlohmann/json.hpp>

#include "model/document.hpp"

namespace trackport::json_parts {

// The members that come before "items": schema_version, title, organisation, period, source,
// mapping.
nlohmann::ordered_json document_head(const Document& document);
nlohmann::ordered_json item(const Item& item);
nlohmann::ordered_json indicator(const Indicator& indicator);
nlohmann::ordered_json risk(const Risk& risk);
nlohmann::ordered_json warning(const Warning& warning);

}  // namespace trackport::json_parts
