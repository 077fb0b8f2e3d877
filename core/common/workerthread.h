#pragma once

#include <QString>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

class QThread;

namespace puente {

// A background thread that sleeps until it is woken (or a poll interval
// passes) and stops on request: the one way Puente's workers (the inbox
// writer, the inbound processor, the WAL checkpointer, the media fetcher)
// are started, named, deprioritised, woken and stopped.
//
//   m_worker.start([this] { while (m_worker.waitForWork(2s)) doWork(); });
//   m_worker.wake();   // from any thread: work is waiting
//   m_worker.stop();   // from the owner: ends waitForWork, joins
//
// A wake() that comes while the body is busy is remembered: the next
// waitForWork() returns at once, so no work is missed between a check and
// the wait.
class WorkerThread {
public:
    struct Options {
        const char *name = "worker"; // for top, gdb and perf (15 characters at most)
        int niceness = 0;            // > 0: yields the CPU to answers (platform::lowerCurrentThreadPriority)
    };

    explicit WorkerThread(Options options);
    ~WorkerThread(); // stops and joins

    WorkerThread(const WorkerThread &) = delete;
    WorkerThread &operator=(const WorkerThread &) = delete;

    // Runs `body` on a new thread (once; later calls while running do nothing).
    void start(std::function<void()> body);
    // Asks the body to stop (waitForWork and sleepFor return false) and waits
    // for the thread to end. Safe to call twice.
    void stop();
    bool running() const;

    // From any thread: there is work.
    void wake();

    // On the worker: waits until woken, stopped or `timeout` has passed; false
    // when stopping. Clears the wake.
    bool waitForWork(std::chrono::milliseconds timeout = std::chrono::milliseconds::max());
    // On the worker: sleeps `duration` unless stopped (a wake does not end it);
    // false when stopping.
    bool sleepFor(std::chrono::milliseconds duration);
    bool stopping() const;

    // The thread object (a context for queued connections that must end
    // with the thread); null when not running.
    QThread *thread() const { return m_thread.get(); }

private:
    Options m_options;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_stop;
    bool m_pending = false;
    bool m_stopping = false;
    std::unique_ptr<QThread> m_thread;
};

} // namespace puente
