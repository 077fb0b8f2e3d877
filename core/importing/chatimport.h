#pragma once

#include "common/result.h"
#include "domain/ids.h"
#include "protocol/types.h"
#include "storage/auditlog.h"

#include <functional>

namespace puente {

class Database;
class EventBus;

struct ChatImportOptions {
    QString fileName;    // the name the user's computer gave the file (the contact may be in it)
    QString contact;     // the contact's number as typed; empty: from the file name or an author
    QString companyName; // the author who is the company; empty: the account's name or number
    QString timeZone;    // IANA; empty: the company's
};

// Imports one WhatsApp chat export (.txt, or the .zip with its media) into
// a tenant's conversation with the contact. Imported messages are ordinary
// messages marked with their source; each has a stable key (see
// docs/decisions.md) so running the same import again, or importing an
// export that overlaps an earlier one, adds nothing twice. They never open
// or extend the 24-hour window (last_inbound_at is left alone), never count
// as unread, never trigger notifications, campaign replies or read
// receipts: only one conversation.updated event per import.
// Rows are written kMessagesPerTransaction at a time at background priority
// (a recruiter's send waits for one chunk at most); a run that stops half
// way is completed by running it again.
class ChatImporter {
public:
    static constexpr int kMessagesPerTransaction = 4000;

    ChatImporter(Database &db, EventBus *bus, QString mediaRoot);

    // Told after each commit (and before each attachment): how far the
    // chat's text is read (of `total` bytes) and how many messages; false
    // stops the import (it fails with "cancelled"; running it again goes on).
    using Progress = std::function<bool(qint64 done, qint64 total, qint64 messagesRead)>;
    // Errors (code: what the user is told): not_a_chat_export, binary_file,
    // encoding, group_chat, empty_chat, company_side_unknown,
    // contact_number_missing, invalid_phone_number, invalid_time_zone,
    // zip_unreadable, zip_unsafe_path, zip_too_large, zip_bomb, cancelled.
    // An attachment that cannot be unpacked is counted as left out.
    Result<protocol::ChatImportReport> run(TenantId tenant, const QString &path, const ChatImportOptions &options, const Actor &actor,
                                           const Progress &progress = {});

private:
    Database &m_db;
    EventBus *m_bus;
    QString m_mediaRoot;
};

} // namespace puente
