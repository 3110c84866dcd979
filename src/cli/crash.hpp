// One line instead of a bare "Segmentation fault" when trackport itself crashes.
#pragma once

namespace trackport::cli {

// Installs handlers for SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT, on a stack of their own (so
// a stack overflow is caught too): they remove any temporary output, print
// "trackport: FILE: the conversion crashed (signal 11: segmentation fault)" and end the process
// by the same signal. Only in this process: a forked worker that crashes just dies, and its
// parent reports the file.
void report_crashes();

// The input being converted in this process, named by a crash's line; nullptr: none in
// particular (a batch converting several at once in-process).
void set_crash_context(const char* input);

}  // namespace trackport::cli
