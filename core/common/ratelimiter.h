#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

namespace puente {

// Token buckets keyed by a string ("tenant:7", "user:12", "ip:10.0.0.1"):
// `rate` tokens a second, at most `burst` saved up. In memory, per node:
// with N nodes behind a balancer a client gets up to N times the rate, which
// is what these limits are for (fairness and runaway clients, not billing).
class RateLimiter {
public:
    struct Decision {
        bool allowed = true;
        qint64 retryAfterMs = 0; // when refused: until one token is back
    };

    Decision take(const QString &key, double rate, double burst, qint64 nowMs);
    // Whether the bucket is empty right now, without taking a token.
    Decision peek(const QString &key, double rate, double burst, qint64 nowMs);

private:
    struct Bucket {
        double tokens = 0;
        qint64 updatedMs = 0;
        double rate = 0;
        double burst = 0;
    };
    Decision apply(const QString &key, double rate, double burst, qint64 nowMs, double cost);
    QMutex m_mutex;
    QHash<QString, Bucket> m_buckets;
    qint64 m_lastSweepMs = 0;
};

} // namespace puente
