#pragma once

#include <QtGlobal>

namespace puente {

// Whether inbound processing should give way to acknowledgements.
//
// While webhooks arrive faster than the processor works them off, the
// backlog grows whether the processor runs or not; running only takes CPU
// from the HTTP and inbox threads, so Meta waits longer for its 200s (and
// retries what times out, adding to the flood). So, during such a burst, the
// processor pauses and catches up once arrivals fall below its pace, or once
// the oldest waiting webhook is kMaxLagMs old, whichever comes first.
//
// The signal is the arrival rate against the processor's own pace, both over
// a fraction of a second: a slow commit or a pause of a few hundred
// milliseconds cannot fake it (at a steady 1,000/s the processor works a
// backlog off several times faster than it fills). See docs/decisions.md.
class BurstGate {
public:
    static constexpr qint64 kWindowMs = 200;
    static constexpr qint64 kMaxLagMs = 30'000;

    // The running count of webhooks stored, sampled at `nowMs`.
    void arrivals(qint64 nowMs, qint64 stored)
    {
        if (m_windowStartMs < 0) {
            m_windowStartMs = nowMs;
            m_windowStartCount = stored;
            return;
        }
        const qint64 elapsed = nowMs - m_windowStartMs;
        if (elapsed < kWindowMs)
            return;
        m_arrivalsPerSecond = double(stored - m_windowStartCount) * 1000.0 / double(elapsed);
        m_windowStartMs = nowMs;
        m_windowStartCount = stored;
    }

    // A full batch took `elapsedUs` of wall time for `rows` (the pace the
    // processor really gets, sharing the cores).
    void batch(int rows, qint64 elapsedUs)
    {
        if (rows <= 0 || elapsedUs <= 0)
            return;
        const double pace = double(rows) * 1e6 / double(elapsedUs);
        m_processedPerSecond = m_processedPerSecond > 0 ? 0.75 * m_processedPerSecond + 0.25 * pace : pace;
    }

    // `lagMs`: how long ago the oldest webhook still waiting arrived.
    bool shouldDefer(qint64 lagMs) const
    {
        return m_arrivalsPerSecond > 0 && m_processedPerSecond > 0 && m_arrivalsPerSecond > m_processedPerSecond
            && lagMs < kMaxLagMs;
    }

    double arrivalsPerSecond() const { return m_arrivalsPerSecond; }
    double processedPerSecond() const { return m_processedPerSecond; }

private:
    qint64 m_windowStartMs = -1;
    qint64 m_windowStartCount = 0;
    double m_arrivalsPerSecond = 0;
    double m_processedPerSecond = 0;
};

} // namespace puente
