#include "SecretFile.h"

#include <QFile>
#include <QFileInfo>

namespace vs {

namespace {

SecretFileResult failure(const QString &path, const QString &why)
{
    SecretFileResult result;
    result.error = QStringLiteral("JWT secret file \"") + path + QStringLiteral("\": ") + why;
    return result;
}

} // namespace

SecretFileResult SecretFile::load(const QString &path)
{
    if (path.isEmpty())
        return failure(path, QStringLiteral("no path given"));
    const QFileInfo info(path);
    if (!info.exists())
        return failure(path, QStringLiteral("does not exist"));
    if (!info.isFile())
        return failure(path, QStringLiteral("is not a regular file"));
    if (info.size() > maxFileBytes)
        return failure(path, QStringLiteral("is larger than %1 bytes; a secret file holds only "
                                            "the secret")
                                 .arg(maxFileBytes));

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(path, QStringLiteral("cannot be read: ") + file.errorString());
    // Read one byte past the limit: the file may have grown since stat().
    QByteArray bytes = file.read(maxFileBytes + 1);
    if (bytes.size() > maxFileBytes)
        return failure(path, QStringLiteral("is larger than %1 bytes").arg(maxFileBytes));

    while (!bytes.isEmpty() && (bytes.back() == '\n' || bytes.back() == '\r' ||
                                bytes.back() == ' ' || bytes.back() == '\t'))
        bytes.chop(1);
    if (bytes.isEmpty())
        return failure(path, QStringLiteral("is empty"));
    if (bytes.size() < minSecretBytes)
        return failure(path, QStringLiteral("holds %1 bytes; HS256 needs a secret of at least %2 "
                                            "bytes (256 bits), e.g. from "
                                            "`head -c 48 /dev/urandom | base64`")
                                 .arg(bytes.size())
                                 .arg(minSecretBytes));

    SecretFileResult result;
    result.secret = std::move(bytes);
    const QFileDevice::Permissions permissions = file.permissions();
    if (permissions & (QFileDevice::ReadGroup | QFileDevice::ReadOther))
        result.warning = QStringLiteral("JWT secret file \"") + path +
                         QStringLiteral("\" is readable by other users; chmod 600 it");
    return result;
}

} // namespace vs
