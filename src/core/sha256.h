// SHA-256 (FIPS 180-4) of a byte string, as lowercase hex: the manifest's content hash, so a
// page can tell whether a snapshot changed and `divboard check` can tell whether the file
// beside a manifest is the one it lists. Our own few lines: no crypto library is needed for a
// checksum that guards against stale or half-published files, not against an attacker.
#pragma once

#include <string>
#include <string_view>

namespace divboard {

std::string Sha256Hex(std::string_view bytes);

// Exactly 64 lowercase hex digits.
bool IsSha256Hex(std::string_view text);

}  // namespace divboard
