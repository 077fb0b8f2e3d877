#include "platform/platform.h"

#if defined(Q_OS_LINUX) || defined(__linux__)
#include <pthread.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <cerrno>
#include <sys/syscall.h>
#include <unistd.h>
#define PUENTE_LINUX 1
#endif

#include <algorithm>
#include <climits>

namespace puente::platform {

void nameCurrentThread(const char *name)
{
#ifdef PUENTE_LINUX
    ::pthread_setname_np(::pthread_self(), name);
#else
    (void)name;
#endif
}

bool lowerCurrentThreadPriority(int nice)
{
#ifdef PUENTE_LINUX
    // On Linux a thread's nice value is its own (the tid, not the pid).
    return ::setpriority(PRIO_PROCESS, id_t(::syscall(SYS_gettid)), nice) == 0;
#else
    (void)nice;
    return false;
#endif
}

int raiseFileLimit()
{
#ifdef PUENTE_LINUX
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 1024;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit = raised;
    }
    return limit.rlim_cur == RLIM_INFINITY ? INT_MAX : int(std::min<rlim_t>(limit.rlim_cur, INT_MAX));
#else
    return 1024;
#endif
}

bool shutdownWrite(long long socketDescriptor)
{
#ifdef PUENTE_LINUX
    return socketDescriptor >= 0 && ::shutdown(int(socketDescriptor), SHUT_WR) == 0;
#else
    (void)socketDescriptor;
    return false;
#endif
}

Accepted acceptConnection(long long listeningDescriptor)
{
#ifdef PUENTE_LINUX
    while (true) {
        const int fd = ::accept4(int(listeningDescriptor), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0)
            return {fd, Accepted::Error::None};
        switch (errno) {
        case EINTR:
        case ECONNABORTED: // the client left before it was accepted
            continue;
        case EAGAIN:
            return {-1, Accepted::Error::WouldBlock};
        case EMFILE:
        case ENFILE:
        case ENOBUFS:
        case ENOMEM:
            return {-1, Accepted::Error::OutOfDescriptors};
        default:
            return {-1, Accepted::Error::Other};
        }
    }
#else
    (void)listeningDescriptor;
    return {-1, Accepted::Error::Other};
#endif
}

void closeDescriptor(long long descriptor)
{
#ifdef PUENTE_LINUX
    ::close(int(descriptor));
#else
    (void)descriptor;
#endif
}

} // namespace puente::platform
