#include "pipeline/documents.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>

#include "exporters/json/json_exporter.hpp"
#include "exporters/postgres/postgres_exporter.hpp"
#include "exporters/sqlite/sqlite_reader.hpp"
#include "exporters/workbook/workbook_reader.hpp"
#include "io/input.hpp"

namespace trackport {

namespace {

// A trackport JSON output read back.
std::vector<Document> read_json_documents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot open the file for reading");
  nlohmann::ordered_json json;
  try {
    json = nlohmann::ordered_json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(std::string("not trackport JSON: ") + e.what());
  }
  // Every document trackport writes starts with its schema_version (docs/MODEL.md): JSON
  // without it is someone else's, said as such rather than read as empty documents.
  auto ours = [](const nlohmann::ordered_json& document) {
    return document.is_object() && document.contains("schema_version");
  };
  if (!(json.is_array() ? std::all_of(json.begin(), json.end(), ours) : ours(json)))
    throw InputError(
        "not trackport JSON (a document, or an array of documents, each with a schema_version)");
  try {
    return documents_from_json(json);
  } catch (const std::exception& e) {
    throw InputError(e.what());
  }
}

// Up to `size` bytes from the start of `path` ("" when it cannot be read).
std::string head_of(const std::string& path, std::size_t size) {
  std::ifstream in(path, std::ios::binary);
  std::string head(size, '\0');
  in.read(head.data(), static_cast<std::streamsize>(size));
  head.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return head;
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

// What a source is, so that every way in is dispatched here and nowhere else.
enum class SourceKind {
  database,   // a trackport database (SQLite or PostgreSQL), whole or one document of it
  json,       // a trackport JSON output
  converted,  // a file read by an importer (a tracker, or trackport's own standard workbook)
};

// How many documents a source of each kind may hold for a caller that wants one, and how to say
// it holds more.
std::string holds_several(SourceKind kind, std::size_t count,
                          const std::optional<DatabaseDocument>& named) {
  const std::string holds = "holds " + std::to_string(count) + " documents";
  switch (kind) {
    case SourceKind::database: {
      const std::string separator = is_postgres_uri(named->database) ? "#" : ":";
      return holds + "; name one as " + shown(named->database) + separator + "FILE or " +
             separator + "SHA256";
    }
    case SourceKind::json:
      return holds + "; diff compares one with one";
    case SourceKind::converted:
      break;
  }
  return holds + " (a trackport standard workbook), not one";
}

// A source's kind: a database by its name or its first bytes, trackport JSON by its first bytes
// or its extension, anything else through the importers (unless --from names a format).
SourceKind kind_of(const std::string& spec, const std::optional<DatabaseDocument>& named,
                   const ConvertOptions& options) {
  if (named) return SourceKind::database;
  if (!options.import.format.empty() || spec == "-") return SourceKind::converted;
  switch (stored_documents_in(head_of(spec, kStoredDocumentsHead), extension_of(spec))) {
    case StoredDocuments::sqlite:
      return SourceKind::database;
    case StoredDocuments::json:
      return SourceKind::json;
    case StoredDocuments::none:
      break;
  }
  return SourceKind::converted;
}

// Every document `spec` holds, of the kind it is. Throws InputError (no source name).
std::vector<Document> read_any(const std::string& spec,
                               const std::optional<DatabaseDocument>& named,
                               const ConvertOptions& options, bool one) {
  const SourceKind kind = kind_of(spec, named, options);
  std::vector<Document> documents;
  bool as_stored = true;  // documents as trackport wrote them, not made by this conversion
  switch (kind) {
    case SourceKind::database:
      documents = read_database_documents(named ? *named : DatabaseDocument{spec, ""});
      break;
    case SourceKind::json:
      documents = read_json_documents(spec);
      break;
    case SourceKind::converted: {
      auto imported = import_file(spec, options.import, options.libreoffice);
      // trackport's own standard workbook is read back as it was written, mapping skipped.
      if (auto stored = read_standard_workbook(imported.source)) {
        documents = std::move(*stored);
      } else {
        documents.push_back(map_imported_file(std::move(imported), options));
        as_stored = false;
      }
      break;
    }
  }
  if (documents.empty() && kind != SourceKind::converted) throw InputError("holds no documents");
  // --organisation is over what a stored document says, as over what a tracker says.
  if (as_stored && !options.organisation.empty()) {
    for (auto& document : documents) document.organisation = options.organisation;
  }
  if (one && documents.size() != 1) throw InputError(holds_several(kind, documents.size(), named));
  return documents;
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

StoredDocuments stored_documents_in(std::string_view head, const std::string& extension) {
  static constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};
  if (head.starts_with(kSqliteMagic)) return StoredDocuments::sqlite;
  // trackport's JSON: a document, or an array of them, whose first member is schema_version.
  std::size_t at = head.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  auto skip_space = [&] {
    while (at < head.size() &&
           (head[at] == ' ' || head[at] == '\t' || head[at] == '\n' || head[at] == '\r'))
      ++at;
  };
  skip_space();
  if (at < head.size() && head[at] == '[') {
    ++at;
    skip_space();
  }
  if (at < head.size() && head[at] == '{') {
    ++at;
    skip_space();
    if (head.substr(at).starts_with("\"schema_version\"")) return StoredDocuments::json;
  }
  // A .json that is not trackport's is refused in one line by the JSON reader, not guessed at
  // by the importers.
  return extension == "json" ? StoredDocuments::json : StoredDocuments::none;
}

std::vector<Document> documents_from(const std::string& spec, const ConvertOptions& options) {
  return read_any(spec, database_document(spec), options, false);
}

std::vector<Document> load_documents(const std::string& spec, const ConvertOptions& options) {
  return load(spec, options, false);
}

std::vector<Document> convert_to_documents(const std::filesystem::path& path,
                                           const ConvertOptions& options) {
  return documents_from(path.string(), options);
}

Document convert_file(const std::filesystem::path& path, const ConvertOptions& options) {
  const std::string spec = path.string();
  return std::move(read_any(spec, database_document(spec), options, true).front());
}

Document load_one_document(const std::string& spec, const ConvertOptions& options) {
  return std::move(load(spec, options, true).front());
}

}  // namespace trackport
