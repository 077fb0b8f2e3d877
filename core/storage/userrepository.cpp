#include "storage/userrepository.h"

#include "storage/auditlog.h"
#include "storage/sql.h"
#include "storage/planusage.h"

#include <QJsonObject>

namespace puente {

namespace {
const QString kColumns = QStringLiteral("id, tenant_id, email, name, role, active, created_at, last_login_at");

User readUser(const Sql &q)
{
    User u;
    u.id = UserId(q.int64(0));
    u.tenantId = TenantId(q.isNull(1) ? 0 : q.int64(1));
    u.email = q.text(2);
    u.name = q.text(3);
    u.role = roleFromString(q.text(4)).value_or(Role::Agent);
    u.active = q.int64(5) != 0;
    u.createdAt = q.int64(6);
    u.lastLoginAt = q.isNull(7) ? 0 : q.int64(7);
    return u;
}
} // namespace

Result<User> UserRepository::create(const NewUser &nu, const Actor &actor)
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
    if (nu.tenantId.isValid())
        if (auto s = PlanUsageQuery::checkUserSeat(tx.connection(), m_db.dialect() == Dialect::Postgres, nu.tenantId); !s)
            return s.error();
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
    if (auto s = AuditLog::append(tx.connection(), actor, u.tenantId, QStringLiteral("user.created"), QStringLiteral("user"),
                                  QString::number(u.id.value),
                                  {{QStringLiteral("email"), u.email}, {QStringLiteral("role"), toString(u.role)}});
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

Result<QList<User>> UserRepository::list(TenantId tenant)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM users WHERE tenant_id = ? ORDER BY name, id"));
    q.bind(tenant.value);
    if (auto s = q.exec(); !s)
        return s.error();
    QList<User> out;
    while (q.next())
        out.append(readUser(q));
    return out;
}

Result<std::optional<User>> UserRepository::find(TenantId tenant, UserId id)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM users WHERE tenant_id = ? AND id = ?"));
    q.bind(tenant.value).bind(id.value);
    if (auto s = q.exec(); !s)
        return s.error();
    return q.next() ? std::optional<User>(readUser(q)) : std::nullopt;
}

Result<User> UserRepository::update(TenantId tenant, UserId id, const UserChanges &c, const Actor &actor)
{
    QString name;
    if (c.name) {
        name = c.name->trimmed();
        if (name.isEmpty() || name.size() > 200)
            return makeError("invalid_name", QStringLiteral("a user needs a name of 1-200 characters"));
    }
    if (c.role && *c.role == Role::PlatformAdmin)
        return makeError("invalid_role", QStringLiteral("a tenant user can be tenant_admin or agent"));
    QString hash;
    if (c.password) {
        if (auto s = checkPasswordPolicy(*c.password); !s)
            return s.error();
        hash = crypto::hashPassword(*c.password, m_params);
    }

    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    Sql current(tx.connection(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM users WHERE tenant_id = ? AND id = ?"));
    current.bind(tenant.value).bind(id.value);
    if (auto s = current.exec(); !s)
        return s.error();
    if (!current.next())
        return makeError("not_found", QStringLiteral("no such user"));
    User before = readUser(current);
    current.finish();

    User after = before;
    if (c.name)
        after.name = name;
    if (c.role)
        after.role = *c.role;
    if (c.active)
        after.active = *c.active;
    if (after.active && !before.active)
        if (auto s = PlanUsageQuery::checkUserSeat(tx.connection(), m_db.dialect() == Dialect::Postgres, tenant); !s)
            return s.error();
    const bool wasAdmin = before.active && before.role == Role::TenantAdmin;
    const bool isAdmin = after.active && after.role == Role::TenantAdmin;
    if (wasAdmin && !isAdmin) {
        // Locked on PostgreSQL, so two admins demoting each other at once
        // cannot both pass (SQLite has one writer anyway).
        Sql admins(tx.connection(), QStringLiteral("SELECT id FROM users WHERE tenant_id = ? AND role = 'tenant_admin' AND active = 1")
                                        + (m_db.dialect() == Dialect::Postgres ? QStringLiteral(" FOR UPDATE") : QString()));
        admins.bind(tenant.value);
        if (auto s = admins.exec(); !s)
            return s.error();
        int count = 0;
        while (admins.next())
            ++count;
        if (count <= 1)
            return makeError("last_admin", QStringLiteral("%1 is the last administrator of this company; make someone else "
                                                          "an administrator first").arg(before.email));
    }

    QJsonObject changed;
    if (after.name != before.name)
        changed.insert(QStringLiteral("name"), after.name);
    if (after.role != before.role)
        changed.insert(QStringLiteral("role"), toString(after.role));
    if (after.active != before.active)
        changed.insert(QStringLiteral("active"), after.active);
    if (c.password)
        changed.insert(QStringLiteral("password"), QStringLiteral("reset"));

    Sql up(tx.connection(), QStringLiteral("UPDATE users SET name = ?, role = ?, active = ?, password_hash = COALESCE(?, password_hash), "
                                           "updated_at = ? WHERE id = ?"));
    up.bind(after.name).bind(toString(after.role)).bind(after.active ? 1 : 0).bind(nullIfEmpty(hash)).bind(nowMs()).bind(id.value);
    if (auto s = up.exec(); !s)
        return s.error();
    if (!after.active || c.password) {
        Sql end(tx.connection(), QStringLiteral("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL"));
        end.bind(nowMs()).bind(id.value);
        if (auto s = end.exec(); !s)
            return s.error();
    }
    if (!changed.isEmpty()) {
        const QString action = c.active && !*c.active && before.active ? QStringLiteral("user.deactivated")
                               : c.password && changed.size() == 1    ? QStringLiteral("user.password_reset")
                                                                       : QStringLiteral("user.updated");
        changed.insert(QStringLiteral("email"), before.email);
        if (auto s = AuditLog::append(tx.connection(), actor, tenant, action, QStringLiteral("user"), QString::number(id.value), changed); !s)
            return s.error();
    }
    if (auto s = tx.commit(); !s)
        return s.error();
    return after;
}

Result<QList<UserRepository::Candidate>> UserRepository::signInCandidates(const QString &email)
{
    Sql q(m_db.connection(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(", password_hash FROM users WHERE email = ? AND active = 1 ORDER BY id"));
    q.bind(email.trimmed().toLower());
    if (auto s = q.exec(); !s)
        return s.error();
    QList<Candidate> out;
    while (q.next())
        out.append({readUser(q), q.text(8)});
    return out;
}

Status UserRepository::recordLogin(UserId id, const QString &rehashedPassword)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    Sql q(tx.connection(), QStringLiteral("UPDATE users SET last_login_at = ?, password_hash = COALESCE(?, password_hash) WHERE id = ?"));
    q.bind(nowMs()).bind(nullIfEmpty(rehashedPassword)).bind(id.value);
    if (auto s = q.exec(); !s)
        return s;
    return tx.commit();
}

} // namespace puente
