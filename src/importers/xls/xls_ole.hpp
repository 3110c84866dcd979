// The BIFF stream of an .xls, taken from its OLE compound file with libgsf (Debian's
// libgsf-1-dev), which follows the container's sector chains and checks them.
#pragma once

#include <string>
#include <string_view>

namespace trackport {

// The "Workbook" (BIFF8) or "Book" (BIFF5) stream of the OLE file in `file`, names compared
// without case. Throws InputError when the container is damaged or has no such stream.
std::string read_workbook_stream(std::string_view file);

}  // namespace trackport
