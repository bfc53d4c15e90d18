#pragma once

#include <QByteArray>
#include <QString>

namespace vs {

struct SecretFileResult;

// Loads the HS256 signing secret from a file, so it never appears on a command line (visible to
// every local user in /proc) or in the environment of child processes.
class SecretFile
{
public:
    // RFC 7518 §3.2: an HS256 key must be at least as long as the hash output, 256 bits.
    static constexpr qsizetype minSecretBytes = 32;
    static constexpr qsizetype maxFileBytes = 4096;

    // The file's bytes with trailing whitespace (a final newline from an editor or `echo`)
    // removed. Errors name the path and the problem, never the secret's contents.
    static SecretFileResult load(const QString &path);
};

struct SecretFileResult
{
    QByteArray secret;
    QString error;   // empty on success
    QString warning; // e.g. the file is readable by other users; success still

    bool ok() const { return error.isEmpty(); }
};

} // namespace vs
