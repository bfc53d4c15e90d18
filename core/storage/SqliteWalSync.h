#pragma once

#include <QString>

#include <functional>

namespace vs {

// Makes an SQLite WAL file durable from a thread other than the one writing it.
//
// SqliteLeaseStore commits with synchronous=NORMAL (in WAL mode a commit then writes its frames
// to the WAL without an fsync) and calls sync() on its own syncer thread before any caller of
// the committed transactions hears the answer. That is the guarantee synchronous=FULL gives
// (FULL only adds an fsync of the WAL after each commit), but the writer can run the next
// transaction while the previous one's fsync is in progress.
//
// fsync works on the file, not on the descriptor, so an fsync through our own descriptor flushes
// the frames SQLite wrote through its own. The store owns the file exclusively
// (locking_mode=EXCLUSIVE) and SQLite keeps the same WAL file open until the connection closes;
// should the file still be replaced (unlinked), the next sync() opens the new one by path.
class SqliteWalSync
{
public:
    // Flushes the open file `descriptor` to disk; returns 0 or the errno of the failure.
    using Flush = std::function<int(int descriptor)>;

    // `flush` defaults to fdatasync; tests pass one that fails, as a failing disk would.
    explicit SqliteWalSync(const QString &databasePath, Flush flush = {});
    ~SqliteWalSync();

    SqliteWalSync(const SqliteWalSync &) = delete;
    SqliteWalSync &operator=(const SqliteWalSync &) = delete;

    // Flushes everything written to the WAL so far to disk. Returns an error message naming the
    // file, empty on success. Call after COMMIT returned.
    QString sync();

    const QString &walPath() const { return m_walPath; }

private:
    QString openWal();

    const QString m_walPath;
    const Flush m_flush;
    int m_descriptor = -1;
};

} // namespace vs
