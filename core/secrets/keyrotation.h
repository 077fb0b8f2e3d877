#pragma once

#include "common/result.h"
#include "crypto/secretbox.h"

#include <chrono>

namespace puente {
class Database;
}

namespace puente::secrets {

class MasterKeyStore;

// Checks that the keyring opens this database's secrets: a sealed sentinel
// in system_settings is written on first use and opened afterwards, so a
// wrong PUENTE_MASTER_KEY is caught at start-up even before any tenant has a
// secret. Error "wrong_master_key" says what to do.
Status verifyMasterKey(Database &db, const crypto::Keyring &keyring);

struct RotationReport {
    QString newKeyId;
    int resealed = 0;
    bool resumed = false;   // an interrupted rotation was continued
    bool finished = false;  // every secret is under the new key
};

// Re-seals every secret (see sealedColumns()) under a new master key.
//
// File store: adds a fresh key in front of the old ones (readers that meet it
// reload the file), re-seals row by row with compare-and-swap updates, then
// drops the old keys. If the file already holds several keys, an earlier
// rotation was interrupted and is resumed with its new key.
// Environment store: the operator has already put the new key in
// PUENTE_MASTER_KEY and the old one in PUENTE_MASTER_KEY_PREVIOUS; this
// re-seals everything under the current key.
//
// Before the old keys leave the file it waits `grace` (running servers
// re-read the key file at least every 30 s before sealing) and re-seals
// again whatever was written under an old key meanwhile.
//
// `stopAfter` (tests only) stops after that many rows, like a crash would.
Result<RotationReport> rotateMasterKey(Database &db, const MasterKeyStore &store, std::chrono::milliseconds grace,
                                       int stopAfter = -1);

} // namespace puente::secrets
