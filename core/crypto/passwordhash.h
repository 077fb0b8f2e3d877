#pragma once

#include "common/result.h"

#include <QString>

namespace puente::crypto {

// scrypt cost: N = 2^logN, r, p. Stored inside every hash so the defaults can
// grow without invalidating existing passwords.
struct ScryptParams {
    int logN = 15; // 32 MiB, ~100 ms on one core of the reference machine
    int r = 8;
    int p = 1;
};

// "$scrypt$ln=15,r=8,p=1$<salt base64url>$<hash base64url>"
QString hashPassword(const QString &password, ScryptParams params = {});

// False for a wrong password and for a malformed or out-of-bounds hash string.
bool verifyPassword(const QString &password, const QString &encodedHash);

// True when the hash was made with weaker parameters than `current`: the
// caller should re-hash after a successful login.
bool needsRehash(const QString &encodedHash, ScryptParams current = {});

} // namespace puente::crypto
