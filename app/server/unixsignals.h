#pragma once

#include <QObject>

class QSocketNotifier;

namespace puente::server {

// Turns SIGINT and SIGTERM into a Qt signal on the thread that made the
// watcher (self-pipe trick: the handler only writes a byte).
class UnixSignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signal);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace puente::server
