#include "common/workerthread.h"

#include "platform/platform.h"

#include <QThread>

namespace puente {

WorkerThread::WorkerThread(Options options) : m_options(options) {}

WorkerThread::~WorkerThread()
{
    stop();
}

void WorkerThread::start(std::function<void()> body)
{
    if (m_thread)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = false;
        m_pending = true; // whatever waited before the start
    }
    m_thread.reset(QThread::create([this, body = std::move(body)] {
        platform::nameCurrentThread(m_options.name);
        if (m_options.niceness > 0)
            platform::lowerCurrentThreadPriority(m_options.niceness);
        body();
    }));
    m_thread->setObjectName(QString::fromLatin1(m_options.name));
    m_thread->start();
}

void WorkerThread::stop()
{
    if (!m_thread)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_stop.notify_all();
    m_thread->wait();
    m_thread.reset();
}

bool WorkerThread::running() const
{
    return m_thread != nullptr;
}

void WorkerThread::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_pending = true;
    }
    m_wake.notify_one();
}

bool WorkerThread::waitForWork(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    const auto ready = [this] { return m_stopping || m_pending; };
    if (timeout == std::chrono::milliseconds::max())
        m_wake.wait(lock, ready);
    else
        m_wake.wait_for(lock, timeout, ready);
    m_pending = false;
    return !m_stopping;
}

bool WorkerThread::sleepFor(std::chrono::milliseconds duration)
{
    std::unique_lock lock(m_mutex);
    return !m_stop.wait_for(lock, duration, [this] { return m_stopping; });
}

bool WorkerThread::stopping() const
{
    std::lock_guard lock(m_mutex);
    return m_stopping;
}

} // namespace puente
