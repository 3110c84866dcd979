// Leaks that are not trackport's, for LeakSanitizer in the sanitizer and fuzz builds:
// fontconfig's process-wide cache, made once when poppler first looks up a font and kept until
// exit by design; and libgsf 1.14.50's gsf_infile_msole_new, which loses a directory entry when
// it gives up on a damaged OLE directory (in trackport it runs in a child process that exits).
// GLib is built without frame pointers, so such a leak's stack ends in g_malloc: it is matched
// by GLib's library (only libgsf allocates through GLib in trackport). Include in one file of each
// program (it defines a function the sanitizer runtime looks for).
#pragma once

extern "C" const char* __lsan_default_suppressions();  // NOLINT: the name LeakSanitizer calls
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\nleak:gsf_infile_msole_new\nleak:libglib-2.0.so\n";
}
