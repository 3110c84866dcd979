#include "importers/xls/xls_ole.hpp"

#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-input.h>
#include <gsf/gsf-utils.h>

#include <strings.h>
#include <memory>

#include "io/input.hpp"

namespace trackport {

namespace {

struct GObjectUnref {
  void operator()(void* object) const {
    if (object) g_object_unref(object);
  }
};
template <typename T>
using GsfPointer = std::unique_ptr<T, GObjectUnref>;

// The child whose name is `name`, case aside (some writers spell it "WORKBOOK"); -1 when none.
int child_named(GsfInfile* ole, const char* name) {
  int count = gsf_infile_num_children(ole);
  for (int i = 0; i < count; ++i) {
    const char* child = gsf_infile_name_by_index(ole, i);
    if (child && ::strcasecmp(child, name) == 0) return i;
  }
  return -1;
}

}  // namespace

std::string read_workbook_stream(std::string_view file) {
  static const bool initialised = [] {
    gsf_init();
    // libgsf reports a damaged container through GLib's log ("CRITICAL: ole_seek_block:
    // assertion failed") as well as through its GError: the error is what trackport says.
    g_log_set_default_handler([](const gchar*, GLogLevelFlags, const gchar*, gpointer) {}, nullptr);
    return true;
  }();
  (void)initialised;
  GsfPointer<GsfInput> input(gsf_input_memory_new(reinterpret_cast<const guint8*>(file.data()),
                                                  static_cast<gsf_off_t>(file.size()), FALSE));
  if (!input) throw InputError("not enough memory to read the .xls workbook");
  GError* error = nullptr;
  GsfPointer<GsfInfile> ole(gsf_infile_msole_new(input.get(), &error));
  if (!ole) {
    std::string reason = error && error->message ? error->message : "unreadable";
    if (error) g_error_free(error);
    throw InputError("damaged .xls workbook (broken OLE container: " + reason + ")");
  }
  int index = child_named(ole.get(), "Workbook");
  if (index < 0) index = child_named(ole.get(), "Book");
  if (index < 0) {
    throw InputError("not an Excel workbook: the OLE compound file has no Workbook stream");
  }
  GsfPointer<GsfInput> stream(gsf_infile_child_by_index(ole.get(), index));
  if (!stream) throw InputError("damaged .xls workbook (its Workbook stream cannot be opened)");
  gsf_off_t size = gsf_input_size(stream.get());
  // A stream's sectors are all in the file: a bigger size is a lie.
  if (size < 0 || static_cast<std::size_t>(size) > file.size()) {
    throw InputError("damaged .xls workbook (its Workbook stream claims " + std::to_string(size) +
                     " bytes)");
  }
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (size > 0 && !gsf_input_read(stream.get(), size, reinterpret_cast<guint8*>(bytes.data()))) {
    throw InputError("truncated or damaged .xls workbook (the OLE container ends early)");
  }
  return bytes;
}

}  // namespace trackport
