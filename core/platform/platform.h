#pragma once

// The few operating-system calls Puente makes, behind one guarded place:
// on Linux they do what they say; elsewhere they do nothing (and say so).
namespace puente::platform {

// Names the calling thread for top, gdb and perf (at most 15 characters).
void nameCurrentThread(const char *name);
// Lowers the calling thread's priority (nice 0..19): background work yields
// the CPU to answers. Returns false where that is not possible.
bool lowerCurrentThreadPriority(int nice);
// Raises this process's open-file limit to its hard limit (each connection
// is a file descriptor) and returns the limit now in force.
int raiseFileLimit();
// Closes the sending half of a connected socket (the peer reads an end of
// file) while its receiving half stays open: a server that refused a request
// reads and drops the rest of it, so the peer gets the answer instead of a
// reset. Returns false where that is not possible.
bool shutdownWrite(long long socketDescriptor);

// One connection from a listening socket (non-blocking, close-on-exec).
// QTcpServer cannot be trusted with this: once it has seen "try again" it
// reports every later error the same way, so at the descriptor limit it
// polls and fails to accept in a loop (a core at 100 %).
struct Accepted {
    enum class Error { None, WouldBlock, OutOfDescriptors, Other };
    long long descriptor = -1;
    Error error = Error::None;
};
Accepted acceptConnection(long long listeningDescriptor);
void closeDescriptor(long long descriptor);

} // namespace puente::platform
