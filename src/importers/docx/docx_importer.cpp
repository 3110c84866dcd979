#include "importers/docx/docx_importer.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <string>

#include "importers/docx/docx_grid.hpp"
#include "importers/docx/docx_parse.hpp"
#include "importers/docx/docx_xml.hpp"
#include "importers/ooxml/package.hpp"
#include "io/ole.hpp"
#include "io/zip.hpp"
#include "model/text.hpp"

namespace trackport {

namespace {

// A .doc reaches here only with --from docx (LibreOffice converts it otherwise): its OLE
// container is claimed to say what it is.
bool has_word_extension(const InputFile& input) {
  const std::string extension = extension_of(input.path);
  return lists_extension("docx", extension) || extension == "doc";
}

bool is_wordprocessing_type(std::string_view content_type) {
  return content_type.find("wordprocessingml") != std::string_view::npos ||
         content_type.find("ms-word") != std::string_view::npos;
}

// Office puts encrypted OOXML in an OLE compound file; Word 97-2003 .doc files are OLE too.
[[noreturn]] void refuse_ole(std::string_view bytes) {
  if (is_encrypted_ooxml(bytes)) {
    throw InputError(
        "password-protected or encrypted document: remove the password in Word (File > Info > "
        "Protect Document) and save it again");
  }
  if (ole_has_entry(bytes, "WordDocument")) {
    throw InputError(
        "legacy binary Word (.doc) document: convert it first with `soffice --headless "
        "--convert-to docx FILE`");
  }
  throw InputError("an OLE compound file that is not a Word document");
}

Warning make_warning(const InputFile& input, std::string code, std::string message, int table = 0,
                     int row = 0) {
  Warning warning;
  warning.code = std::move(code);
  warning.message = std::move(message);
  warning.location.file = input.path.string();
  warning.location.table = table;
  warning.location.row = row;
  return warning;
}

std::optional<std::string> target_of(const std::vector<Relationship>& rels,
                                     std::string_view type_suffix) {
  for (const Relationship& rel : rels) {
    if (!rel.external && rel.type.ends_with(type_suffix)) return rel.target;
  }
  return std::nullopt;
}

// Reads one of the parts that only refine the reading (styles, numbering, theme, core
// properties): a missing or malformed one costs a warning, not the document. A DOCTYPE is
// still refused outright.
template <typename Use>
void with_optional_part(OoxmlPackage& package, const std::optional<std::string>& part,
                        const InputFile& input, std::vector<Warning>& warnings, Use use) {
  if (!part) return;
  std::optional<std::string> xml = package.read(*part);
  if (!xml) return;
  pugi::xml_document doc;
  try {
    parse_part_in_place(doc, *xml, *part);
  } catch (const InputError& error) {
    if (has_doctype(*xml)) throw;
    warnings.push_back(
        make_warning(input, "part-unreadable", std::string(error.what()) + "; it was ignored."));
    return;
  }
  use(doc.document_element());
}

std::string core_title(const pugi::xml_node& core) {
  for (pugi::xml_node node = core.first_child(); node; node = node.next_sibling()) {
    if (docx::is(node, "title")) return collapse_whitespace(sanitise_utf8(node.text().get()));
  }
  return "";
}

class DocxImporter final : public Importer {
 public:
  std::string_view name() const override { return "docx"; }

  Match identify(const InputFile& input) const override {
    std::string_view bytes = input.bytes;
    if (is_ole_compound_file(bytes)) {
      if (ole_has_entry(bytes, "WordDocument")) return Match::content;
      if (has_word_extension(input)) return Match::content;  // encrypted docx: we explain why
      return Match::no;
    }
    if (ZipArchive::looks_like_zip(bytes)) {
      try {
        ZipArchive zip(bytes);
        if (zip.has("word/document.xml")) return Match::content;
        if (auto types = zip.read("[Content_Types].xml");
            types && types->find("wordprocessingml.document") != std::string::npos) {
          return Match::content;
        }
      } catch (const InputError&) {
        // A damaged ZIP: let the extension decide, read() will say what is wrong.
      }
    }
    return has_word_extension(input) ? Match::extension : Match::no;
  }

  SourceDocument read(const InputFile& input, const ImportOptions& options) const override {
    if (is_ole_compound_file(input.bytes)) refuse_ole(input.bytes);
    if (input.bytes.empty()) throw InputError("empty file");
    ZipLimits limits;
    limits.max_total_inflated = options.max_inflated_bytes;
    limits.max_ratio = options.max_compression_ratio;
    OoxmlPackage package(input.bytes, limits);

    std::string main = package.main_part().value_or("word/document.xml");
    if (!is_wordprocessing_type(package.content_type(main))) {
      std::string type = package.content_type(main);
      throw InputError("not a Word document (the main part is " +
                       (type.empty() ? std::string("missing") : type) + ")");
    }
    std::optional<std::string> document_xml = package.read(main);
    if (!document_xml) throw InputError("the Word document part " + main + " is missing");

    SourceDocument result;
    docx::WordParts parts;
    std::vector<Relationship> rels = package.relationships(main);
    with_optional_part(package, target_of(rels, "/styles"), input, result.warnings,
                       [&](const pugi::xml_node& root) { parts.styles = docx::Styles(root); });
    with_optional_part(
        package, target_of(rels, "/numbering"), input, result.warnings,
        [&](const pugi::xml_node& root) { parts.numbering = docx::Numbering(root); });
    with_optional_part(package, target_of(rels, "/theme"), input, result.warnings,
                       [&](const pugi::xml_node& root) { parts.theme = docx::ThemeColours(root); });

    pugi::xml_document doc;
    // parse_ws_pcdata_single keeps <w:t xml:space="preserve"> </w:t>: the space between words.
    parse_part_in_place(doc, *document_xml, main,
                        pugi::parse_default | pugi::parse_ws_pcdata_single);
    docx::WordDocument word = docx::read_word_document(doc.document_element(), parts);

    result.title = std::move(word.title);
    result.subtitle = std::move(word.subtitle);
    if (result.title.empty()) {
      with_optional_part(package, target_of(package.relationships(""), "/core-properties"), input,
                         result.warnings,
                         [&](const pugi::xml_node& root) { result.title = core_title(root); });
    }
    if (word.truncated) {
      result.warnings.push_back(make_warning(
          input, "nesting-too-deep",
          "The document nests tables, content controls or text boxes too deeply; content below "
          "the depth limit was skipped."));
    }
    MemoryBudget budget(options.max_table_bytes);
    int index = 0;
    for (const docx::WordTable& source : word.tables) {
      ++index;
      result.tables.push_back(docx::layout_word_table(source, index, options.max_cells, budget));
      for (std::size_t r = 0; r < source.rows.size(); ++r) {
        if (source.rows[r].nested_tables == 0) continue;
        result.warnings.push_back(make_warning(
            input, "nested-table-flattened",
            "A table inside a cell was flattened into the cell's text (one line per row, cells "
            "joined by \" | \").",
            index, static_cast<int>(r) + 1));
      }
    }
    return result;
  }
};

}  // namespace

std::unique_ptr<Importer> make_docx_importer() {
  return std::make_unique<DocxImporter>();
}

}  // namespace trackport
