#pragma once

#include "common/result.h"
#include "crypto/secretbox.h"
#include "events/eventlog.h"
#include "messaging/transport.h"

#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

namespace puente {

class Database;

struct DispatcherSettings {
    meta::GraphSettings graph;
    // Requests open at once, all numbers together: Graph answers in
    // 100-300 ms, so 8,000 sends/s (100 numbers at 80/s) keep 800-2,400 open.
    int maxInFlight = 2048;
    int maxAttempts = 8;          // retryable failures, then failed
    qint64 backoffBaseMs = 2'000; // 2 s, 4 s, 8 s... with jitter
    qint64 backoffMaxMs = 10 * 60'000;
    int pollMs = 25;
    // Sends per number are counted over 1 s + this margin (see takeToken):
    // the rate's ceiling is rate / (1 + margin/1000): 78.4/s of 80 at 20 ms
    // (50 ms made a 10,000-recipient campaign take 135 s instead of 125).
    int windowMarginMs = 20;
    // An attempt still in flight after this long was cut short by a crash
    // (the transfer timeout is far shorter): it is flagged, never re-sent.
    qint64 leaseMs = 2 * 60'000;
};

// Sends what the outbox holds. On its own thread (with an event loop, so many
// requests are in flight at once):
//  - loads due rows tenant by tenant and serves tenants round-robin, each
//    phone number within its throughput (80/s default) in any one second, so
//    one tenant's campaign cannot starve another's chats;
//  - marks a row `in_flight` (committed) before its request leaves;
//  - records the outcome in batches: `sent` + wamid (and statuses that came
//    early), a retry with exponential backoff and jitter for retryable errors
//    (network, timeouts, 5xx, 130429, 131056...), or `failed` with Meta's
//    code for permanent ones; 190 also marks the tenant's configuration
//    failing;
//  - an attempt left `in_flight` by a crash is flagged for the agent
//    (retry or dismiss), never re-sent automatically.
class OutboxDispatcher {
public:
    OutboxDispatcher(Database &db, crypto::KeyringPtr keyring, EventBus *bus, DispatcherSettings settings);
    ~OutboxDispatcher();

    // The transport to use (tests); by default CloudApiTransport. Called on
    // the dispatcher thread. Set before start().
    void setTransportFactory(std::function<std::unique_ptr<Transport>(const meta::GraphSettings &)> factory);
    void start();
    void stop();
    void wake(); // new rows are waiting (thread-safe)

    struct Counters {
        std::atomic<quint64> accepted{0};
        std::atomic<quint64> failed{0};
        std::atomic<quint64> retried{0};
        std::atomic<quint64> flagged{0};
        std::atomic<quint64> rateLimited{0};
    };
    const Counters &counters() const { return m_counters; }

    // Flags attempts in flight for longer than `leaseMs` (see above). The
    // dispatcher runs it at start and every minute; exposed for tests.
    static Result<int> flagInterrupted(Database &db, EventBus *bus, qint64 leaseMs);
    // Messages (and read receipts) waiting to be sent: pending or in flight.
    static Result<qint64> waiting(Database &db);

private:
    class Worker;
    Database &m_db;
    crypto::KeyringPtr m_keyring;
    EventBus *m_bus;
    DispatcherSettings m_settings;
    std::function<std::unique_ptr<Transport>(const meta::GraphSettings &)> m_factory;
    Counters m_counters;
    QThread m_thread;
    Worker *m_worker = nullptr;
};

} // namespace puente
