#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

namespace puente::ui {

// The console's session token in the system keychain (Secret Service,
// Keychain, Credential Manager through QtKeychain), under the service
// "Puente" and the account accountFor(server, email). Nothing else ever
// holds the token on disk: when the keychain is missing (no D-Bus session,
// no Secret Service) saving fails and the session is simply not remembered.
//
// Calls are asynchronous and answered in the order they were made.
class TokenStore : public QObject {
    Q_OBJECT
public:
    explicit TokenStore(QObject *parent = nullptr);

    // "<server URL> <email>": one remembered session per server and person.
    static QString accountFor(const QUrl &server, const QString &email);

    void save(const QString &account, const QString &token);
    void load(const QString &account);
    void forget(const QString &account);

Q_SIGNALS:
    // `error` is QtKeychain's reason (English, technical) when `ok` is false.
    void saved(bool ok, const QString &error);
    // `token` is empty when nothing is stored (then `error` is empty too) or
    // when the keychain could not be read (then `error` says why).
    void loaded(const QString &token, const QString &error);
    // Forgetting a token that is not there succeeds.
    void forgotten(bool ok, const QString &error);
};

} // namespace puente::ui
