#include "exporters/postgres/libpq_loader.hpp"

#include <dlfcn.h>

#include <stdexcept>
#include <string>

namespace trackport::pg {
namespace {

// The soname trackport is built against: libpq's interface has kept it since PostgreSQL 8.
constexpr const char* kLibpqSoname = "libpq.so.5";

std::string load_error() {
  const char* reason = dlerror();
  return "cannot load " + std::string(kLibpqSoname) +
         " (Debian package libpq5), which reading and writing PostgreSQL need: " +
         (reason != nullptr ? reason : "unknown reason");
}

template <typename Function>
void resolve(void* library, const char* name, Function& function) {
  function = reinterpret_cast<Function>(dlsym(library, name));
  if (function == nullptr) throw std::runtime_error(load_error());
}

Libpq load_libpq() {
  // Never closed: the functions are used until the process ends.
  void* library = dlopen(kLibpqSoname, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) throw std::runtime_error(load_error());
  Libpq functions;
#define TRACKPORT_LIBPQ_RESOLVE(name) resolve(library, #name, functions.name);
  TRACKPORT_LIBPQ_FUNCTIONS(TRACKPORT_LIBPQ_RESOLVE)
#undef TRACKPORT_LIBPQ_RESOLVE
  return functions;
}

}  // namespace

const Libpq& libpq() {
  // A failed load throws out of the initialisation, so the next call tries again.
  static const Libpq functions = load_libpq();
  return functions;
}

}  // namespace trackport::pg
