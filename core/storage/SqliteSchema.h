#pragma once

#include <QSqlDatabase>
#include <QString>

namespace vs {

// The SQLite store's tables, versioned with `PRAGMA user_version`. Each migration moves the file
// one version up inside the caller's transaction; a file from a newer build is refused rather
// than misread.
class SqliteSchema
{
public:
    static int latestVersion();
    // Brings `database` to the latest version. Runs inside the caller's transaction. Returns an
    // error message, empty on success.
    static QString migrate(QSqlDatabase &database);
};

} // namespace vs
