#pragma once

// Private to core, like sql.h.
#include "storage/databaseurl.h"

#include <QHash>
#include <QReadWriteLock>
#include <QString>

#include <optional>

namespace puente {

// Rows the request path reads on every request (an API key, a tenant),
// kept for `maxAgeMs` per process. forget() drops entries at once and
// refuses to store any value read before it: a request that read the row
// just before a change does not put the old value back. Thread-safe.
template <typename T>
class ExpiringCache {
public:
    explicit ExpiringCache(qint64 maxAgeMs, qsizetype capacity = 4096) : m_maxAgeMs(maxAgeMs), m_capacity(capacity) {}

    // The value when fresh; `generation` is what store() needs afterwards.
    std::optional<T> find(const QString &key, qint64 nowMs, quint64 *generation)
    {
        QReadLocker read(&m_lock);
        *generation = m_generation;
        if (const auto hit = m_entries.constFind(key); hit != m_entries.cend() && nowMs - hit->readAt < m_maxAgeMs)
            return hit->value;
        return std::nullopt;
    }
    // Kept unless forget() ran since find() gave `generation`; emptied when full.
    void store(const QString &key, const T &value, qint64 nowMs, quint64 generation)
    {
        QWriteLocker write(&m_lock);
        if (generation != m_generation)
            return;
        if (m_entries.size() >= m_capacity)
            m_entries.clear();
        m_entries.insert(key, {value, nowMs});
    }
    // Drops the entries whose value matches.
    template <typename Pred>
    void forget(Pred matches)
    {
        QWriteLocker write(&m_lock);
        ++m_generation;
        m_entries.removeIf([&](const auto &entry) { return matches(entry.value().value); });
    }

    // One database's rows apart from another's (tests open several).
    static QString scope(const DatabaseUrl &u)
    {
        return u.path + QLatin1Char('\n') + u.host + QLatin1Char(':') + QString::number(u.port) + QLatin1Char('/') + u.database
            + QLatin1Char('\n');
    }

private:
    struct Entry {
        T value;
        qint64 readAt = 0;
    };
    const qint64 m_maxAgeMs;
    const qsizetype m_capacity;
    QReadWriteLock m_lock;
    QHash<QString, Entry> m_entries;
    quint64 m_generation = 0;
};

} // namespace puente
