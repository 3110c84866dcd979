// What libtrackport.so exports: it is built with -fvisibility=hidden (and inlines hidden), so
// only declarations marked TRACKPORT_API, and the model's installed headers (declared under
// `#pragma GCC visibility push(default)`), are visible to programs and the Python module; the
// layers' internals (importers, mapping engine, exporters, their libraries) are not.
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define TRACKPORT_API __attribute__((visibility("default")))
#else
#define TRACKPORT_API
#endif
