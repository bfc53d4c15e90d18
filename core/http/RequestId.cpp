#include "RequestId.h"

#include <QRandomGenerator>

#include <atomic>

#include "IdRules.h"

namespace vs {

bool RequestId::isSane(QByteArrayView id)
{
    return IdRules::isValid(id);
}

QByteArray RequestId::generate()
{
    static const QByteArray prefix =
        QByteArray::number(QRandomGenerator::system()->generate64(), 16).rightJustified(16, '0') +
        '-';
    static std::atomic<quint64> counter{0};
    const quint64 sequence = counter.fetch_add(1, std::memory_order_relaxed) + 1;
    return prefix + QByteArray::number(sequence, 16);
}

QByteArray RequestId::saneOrGenerated(const QByteArray &clientId)
{
    return isSane(clientId) ? clientId : generate();
}

} // namespace vs
