#include "SqliteWalSync.h"

#include <cerrno>
#include <cstring>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vs {

namespace {

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// fsync of a directory makes the names in it durable: a WAL that was just created is found again
// after a power loss.
int syncDirectory(const QString &directory)
{
    const int descriptor = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0)
        return errno;
    const int result = ::fsync(descriptor) == 0 ? 0 : errno;
    ::close(descriptor);
    return result;
}

// fdatasync also flushes the file size, which is all the metadata a reader of the WAL needs.
int dataSync(int descriptor)
{
    return ::fdatasync(descriptor) == 0 ? 0 : errno;
}

} // namespace

SqliteWalSync::SqliteWalSync(const QString &databasePath, Flush flush)
    : m_walPath(databasePath + QStringLiteral("-wal"))
    , m_flush(flush ? std::move(flush) : Flush(dataSync))
{}

SqliteWalSync::~SqliteWalSync()
{
    if (m_descriptor >= 0)
        ::close(m_descriptor);
}

QString SqliteWalSync::openWal()
{
    m_descriptor = ::open(QFile::encodeName(m_walPath).constData(), O_RDWR | O_CLOEXEC);
    if (m_descriptor < 0)
        return QStringLiteral("cannot open the write-ahead log %1 to sync it: %2")
            .arg(QDir::toNativeSeparators(m_walPath), systemError(errno));
    if (const int error = syncDirectory(QFileInfo(m_walPath).absolutePath())) {
        ::close(m_descriptor);
        m_descriptor = -1;
        return QStringLiteral("cannot sync the directory of %1: %2")
            .arg(QDir::toNativeSeparators(m_walPath), systemError(error));
    }
    return {};
}

QString SqliteWalSync::sync()
{
    if (m_descriptor >= 0) {
        struct stat status = {};
        // A WAL unlinked behind our back would take our fsyncs with it: follow the path instead.
        if (::fstat(m_descriptor, &status) != 0 || status.st_nlink == 0) {
            ::close(m_descriptor);
            m_descriptor = -1;
        }
    }
    if (m_descriptor < 0) {
        const QString error = openWal();
        if (!error.isEmpty())
            return error;
    }
    if (const int error = m_flush(m_descriptor))
        return QStringLiteral("cannot sync the write-ahead log %1: %2")
            .arg(QDir::toNativeSeparators(m_walPath), systemError(error));
    return {};
}

} // namespace vs
