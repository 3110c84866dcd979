// What libxlsxwriter's deflate level costs: an LD_PRELOAD shim that passes LEVEL (0-9) to minizip
// in place of libxlsxwriter's Z_DEFAULT_COMPRESSION (6). Debian's libxlsxwriter 1.1.4 has no
// option for it and packs the workbook's parts one after another in workbook_close, so this
// measures how much of a big workbook's wall time that serial deflate is. A measuring aid only:
// trackport itself does not change the level.
//
//   gcc -O2 -shared -fPIC bench/export/deflate_level.c -o /tmp/deflate_level.so -ldl
//   LEVEL=1 LD_PRELOAD=/tmp/deflate_level.so build/trackport convert big.xlsx -o out.xlsx
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>

// minizip's types, as zip.h declares them (libminizip-dev need not be installed).
typedef void* zipFile;
typedef unsigned int uInt;
typedef unsigned long uLong;
typedef struct zip_fileinfo zip_fileinfo;

typedef int (*open_new_file_t)(zipFile, const char*, const zip_fileinfo*, const void*, uInt,
                               const void*, uInt, const char*, int, int, int, int, int, int,
                               const char*, uLong, uLong, uLong, int);

int zipOpenNewFileInZip4_64(zipFile file, const char* filename, const zip_fileinfo* info,
                            const void* extra_local, uInt extra_local_size,
                            const void* extra_global, uInt extra_global_size, const char* comment,
                            int method, int level, int raw, int window_bits, int mem_level,
                            int strategy, const char* password, uLong crc_for_crypting,
                            uLong version_made_by, uLong flag_base, int zip64) {
  static open_new_file_t real;
  if (real == NULL) real = (open_new_file_t)dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
  const char* wanted = getenv("LEVEL");
  return real(file, filename, info, extra_local, extra_local_size, extra_global,
              extra_global_size, comment, method, wanted != NULL ? atoi(wanted) : level, raw,
              window_bits, mem_level, strategy, password, crc_for_crypting, version_made_by,
              flag_base, zip64);
}
