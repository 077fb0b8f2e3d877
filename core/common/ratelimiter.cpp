#include "common/ratelimiter.h"

#include <QMutexLocker>

#include <algorithm>
#include <cmath>

namespace puente {

RateLimiter::Decision RateLimiter::take(const QString &key, double rate, double burst, qint64 nowMs)
{
    return apply(key, rate, burst, nowMs, 1.0);
}

RateLimiter::Decision RateLimiter::peek(const QString &key, double rate, double burst, qint64 nowMs)
{
    return apply(key, rate, burst, nowMs, 0.0);
}

RateLimiter::Decision RateLimiter::apply(const QString &key, double rate, double burst, qint64 nowMs, double cost)
{
    if (rate <= 0)
        return {};
    QMutexLocker lock(&m_mutex);
    // Full buckets carry no information: drop them now and then so the map
    // does not grow with every address ever seen.
    if (nowMs - m_lastSweepMs > 60'000) {
        m_lastSweepMs = nowMs;
        for (auto it = m_buckets.begin(); it != m_buckets.end();) {
            const double refilled = it->tokens + double(nowMs - it->updatedMs) * it->rate / 1000.0;
            it = refilled >= it->burst ? m_buckets.erase(it) : std::next(it);
        }
    }
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket{burst, nowMs, rate, burst});
    Bucket &b = *it;
    b.rate = rate;
    b.burst = burst;
    b.tokens = std::min(burst, b.tokens + double(std::max<qint64>(0, nowMs - b.updatedMs)) * rate / 1000.0);
    b.updatedMs = nowMs;
    if (b.tokens >= 1.0) {
        b.tokens -= cost;
        return {};
    }
    return {false, qint64(std::ceil((1.0 - b.tokens) * 1000.0 / rate))};
}

} // namespace puente
