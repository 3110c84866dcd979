// Leaks that are not trackport's, for LeakSanitizer in the sanitizer and fuzz builds:
// fontconfig's process-wide cache, made once when poppler first looks up a font and kept until
// exit by design. Include in one file of each program (it defines a function the sanitizer
// runtime looks for).
#pragma once

extern "C" const char* __lsan_default_suppressions();  // NOLINT: the name LeakSanitizer calls
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n";
}
