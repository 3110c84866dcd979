// Under the sanitizer build, LeakSanitizer reports fontconfig's process-wide font cache, which
// poppler fills when a PDF uses a font it does not embed (the standard 14 fonts). That memory is
// fontconfig's, kept until exit on purpose; the importer's own allocations are still checked.
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n";
}
