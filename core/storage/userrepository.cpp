#include "storage/userrepository.h"

#include "storage/auditlog.h"
#include "storage/database.h"

namespace puente {

namespace {
const QString kColumns = QStringLiteral("id, tenant_id, email, name, role, active");

User readUser(const Sql &q)
{
    User u;
    u.id = UserId(q.int64(0));
    u.tenantId = TenantId(q.isNull(1) ? 0 : q.int64(1));
    u.email = q.text(2);
    u.name = q.text(3);
    u.role = roleFromString(q.text(4)).value_or(Role::Agent);
    u.active = q.int64(5) != 0;
    return u;
}
} // namespace

Result<User> UserRepository::create(const NewUser &nu, const QString &actorLabel)
{
    auto email = normalizeEmail(nu.email);
    if (!email)
        return email.error();
    const QString name = nu.name.trimmed();
    if (name.isEmpty() || name.size() > 200)
        return makeError("invalid_name", QStringLiteral("a user needs a name of 1-200 characters"));
    if ((nu.role == Role::PlatformAdmin) == nu.tenantId.isValid())
        return makeError("invalid_role", nu.role == Role::PlatformAdmin
                                             ? QStringLiteral("a platform admin belongs to no tenant")
                                             : QStringLiteral("a tenant user needs a tenant"));
    if (auto s = checkPasswordPolicy(nu.password); !s)
        return s.error();
    const QString hash = crypto::hashPassword(nu.password, m_params);

    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    const qint64 now = nowMs();
    Sql q(tx.connection(), QStringLiteral("INSERT INTO users (tenant_id, email, name, role, password_hash, active, "
                                          "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?) RETURNING ")
                               + kColumns);
    q.bind(nu.tenantId.isValid() ? QVariant(nu.tenantId.value) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(email.value())
        .bind(name)
        .bind(toString(nu.role))
        .bind(hash)
        .bind(now)
        .bind(now);
    if (auto s = q.exec(); !s) {
        if (s.error().code == QLatin1String("unique_violation"))
            return makeError("email_taken", QStringLiteral("a user with email %1 already exists here").arg(email.value()));
        if (s.error().code == QLatin1String("foreign_key_violation"))
            return makeError("not_found", QStringLiteral("the tenant does not exist"));
        return s.error();
    }
    if (!q.next())
        return makeError("storage_error", QStringLiteral("insert returned no row"));
    User u = readUser(q);
    q.finish();
    if (auto s = AuditLog::append(tx.connection(),
                                  {u.tenantId, {}, actorLabel, QStringLiteral("user.created"), QStringLiteral("user"),
                                   QString::number(u.id.value),
                                   {{QStringLiteral("email"), u.email}, {QStringLiteral("role"), toString(u.role)}}});
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return u;
}

Result<std::optional<User>> UserRepository::findByEmail(TenantId tenant, const QString &email)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM users WHERE tenant_id = ? AND email = ?"));
    q.bind(tenant.value).bind(email.trimmed().toLower());
    if (auto s = q.exec(); !s)
        return s.error();
    return q.next() ? std::optional<User>(readUser(q)) : std::nullopt;
}

Result<std::optional<User>> UserRepository::findPlatformAdmin(const QString &email)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM users WHERE tenant_id IS NULL AND email = ?"));
    q.bind(email.trimmed().toLower());
    if (auto s = q.exec(); !s)
        return s.error();
    return q.next() ? std::optional<User>(readUser(q)) : std::nullopt;
}

Result<QString> UserRepository::passwordHash(UserId id)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT password_hash FROM users WHERE id = ?"));
    q.bind(id.value);
    if (auto s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return makeError("not_found", QStringLiteral("no such user"));
    return q.text(0);
}

} // namespace puente
