// Sniffing OLE compound files (the container of legacy Office files and of password-protected
// OOXML), for the importers' identify(): the signature and the names in the directory. Nothing
// here follows a sector chain or reads a stream.
#pragma once

#include <string_view>

namespace trackport {

// True when the bytes start with the OLE compound file signature D0 CF 11 E0 A1 B1 1A E1.
bool is_ole_compound_file(std::string_view bytes);

// True when the file has a directory entry named `ascii_name` ("Workbook", "EncryptionInfo").
// Directory entries are 128 bytes, in sectors of 512 or 4096 bytes, and start with the name in
// UTF-16LE ending in a null character: only such a spelling at a 128-byte boundary counts, so
// the same word in a Word document's text does not.
bool ole_has_entry(std::string_view bytes, std::string_view ascii_name);

// True for the OLE container Office writes around an encrypted (password-protected) OOXML
// package: it holds EncryptionInfo and EncryptedPackage streams.
bool is_encrypted_ooxml(std::string_view bytes);

}  // namespace trackport
