#pragma once

#include <QCoreApplication>
#include <QString>

#include "protocol/types.h"

// Words for what Meta and the server report, shared by the WhatsApp
// configuration, the WhatsApp page and the health panel.
namespace puente::ui {

class MetaText {
    Q_DECLARE_TR_FUNCTIONS(MetaText)
public:
    // A coloured dot and the rating in words (GREEN, YELLOW, RED, or not rated).
    static QString qualityHtml(const QString &rating);
    // TIER_250, TIER_1K, TIER_100K, TIER_UNLIMITED in words.
    static QString messagingLimitText(const QString &tier);
    // What a tenant admin can do about a send that failed with Meta's `code`.
    static QString failureAdvice(int code);
    // The same for the codes Puente knows; empty for the others.
    static QString knownFailure(int code);
    // "5 minutes ago", "3 days ago"; "never" for 0.
    static QString ago(qint64 msSinceEpoch);

    // The access token line of the configuration and Health: what kind of
    // token it is and when it expires, or why Meta refuses it. `ok` false
    // when an admin should act (a problem, less than two weeks left, a
    // failed renewal); empty text when it was never inspected.
    struct TokenLine {
        QString text;
        QString advice;
        bool ok = true;
    };
    static TokenLine tokenLine(const protocol::AccessTokenInfo &token, qint64 nowMs);
};

} // namespace puente::ui
