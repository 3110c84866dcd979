#include "pipeline/documents.hpp"

#include <filesystem>
#include <fstream>
#include <optional>

#include "exporters/json/json_exporter.hpp"
#include "exporters/postgres/postgres_exporter.hpp"
#include "exporters/sqlite/sqlite_reader.hpp"
#include "io/input.hpp"

namespace trackport {

namespace {

// A trackport JSON output read back.
std::vector<Document> read_json_documents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot open the file for reading");
  try {
    return documents_from_json(nlohmann::ordered_json::parse(in));
  } catch (const nlohmann::json::exception& e) {
    throw InputError(std::string("not trackport JSON: ") + e.what());
  }
}

bool is_database(const std::string& path) {
  const std::string extension = extension_of(path);
  return extension == "sqlite" || extension == "sqlite3" || extension == "db";
}

// "tracker.sqlite:q2.xlsx" names a document in a database by its source file or sha256; the
// database is the part before the first ':' that ends in a database extension.
struct DatabaseDocument {
  std::string database;
  std::string key;  // empty: the whole database
};

std::optional<DatabaseDocument> database_document(const std::string& spec) {
  // postgresql://host/db#q2.xlsx: a URI's fragment, which libpq does not use, names the document.
  if (is_postgres_uri(spec)) {
    const auto hash = spec.find('#');
    if (hash == std::string::npos) return DatabaseDocument{spec, ""};
    return DatabaseDocument{spec.substr(0, hash), spec.substr(hash + 1)};
  }
  if (is_database(spec)) return DatabaseDocument{spec, ""};
  for (auto colon = spec.find(':'); colon != std::string::npos; colon = spec.find(':', colon + 1)) {
    const std::string database = spec.substr(0, colon);
    if (is_database(database)) return DatabaseDocument{database, spec.substr(colon + 1)};
  }
  return std::nullopt;
}

// How messages name a database: a connection string without its password.
std::string shown(const std::string& database) {
  return is_postgres_uri(database) ? shown_postgres(database) : database;
}

std::string shown_input(const std::string& spec, const std::optional<DatabaseDocument>& named) {
  if (!named || !is_postgres_uri(spec)) return spec;
  return shown(named->database) + (named->key.empty() ? "" : "#" + named->key);
}

std::vector<Document> read_database_documents(const DatabaseDocument& named) {
  const bool server = is_postgres_uri(named.database);
  if (!server && !std::filesystem::exists(named.database)) throw InputError("no such file");
  if (named.key.empty())
    return server ? read_postgres_documents(named.database) : read_documents(named.database);
  auto document = server ? read_postgres_document(named.database, named.key)
                         : read_document(named.database, named.key);
  if (!document) {
    throw InputError("no document from '" + named.key + "' in " + shown(named.database));
  }
  std::vector<Document> documents;
  documents.push_back(std::move(*document));
  return documents;
}

// The database reader's errors already start with the database's path; the input's name is
// added once, by the caller.
std::string without_path(std::string message, const std::string& path) {
  const std::string prefix = path + ": ";
  if (message.starts_with(prefix)) message.erase(0, prefix.size());
  return message;
}

std::vector<Document> read_any(const std::string& spec,
                               const std::optional<DatabaseDocument>& named,
                               const ConvertOptions& options, bool one) {
  if (named) {
    auto documents = read_database_documents(*named);
    if (one && documents.size() != 1) {
      const std::string separator = is_postgres_uri(named->database) ? "#" : ":";
      throw InputError("holds " + std::to_string(documents.size()) + " documents; name one as " +
                       shown(named->database) + separator + "FILE or " + separator + "SHA256");
    }
    return documents;
  }
  if (extension_of(spec) == "json") {
    auto documents = read_json_documents(spec);
    if (one && documents.size() != 1) {
      throw InputError("holds " + std::to_string(documents.size()) +
                       " documents; diff compares one with one");
    }
    return documents;
  }
  if (one) {
    std::vector<Document> documents;
    documents.push_back(convert_file(spec, options));
    return documents;
  }
  return convert_to_documents(spec, options);
}

std::vector<Document> load(const std::string& spec, const ConvertOptions& options, bool one) {
  const auto named = database_document(spec);
  try {
    auto documents = read_any(spec, named, options, one);
    // Hand-made JSON may name no source; a comparison's header still needs a name.
    for (auto& document : documents) {
      if (document.source.file.empty()) document.source.file = shown_input(spec, named);
    }
    return documents;
  } catch (const std::exception& e) {
    throw SourceError(shown_input(spec, named) + ": " +
                      without_path(e.what(), named ? shown(named->database) : spec));
  }
}

}  // namespace

bool names_database(const std::string& spec) {
  return database_document(spec).has_value();
}

std::string shown_source(const std::string& spec) {
  return shown_input(spec, database_document(spec));
}

std::vector<Document> load_documents(const std::string& spec, const ConvertOptions& options) {
  return load(spec, options, false);
}

Document load_one_document(const std::string& spec, const ConvertOptions& options) {
  return std::move(load(spec, options, true).front());
}

}  // namespace trackport
