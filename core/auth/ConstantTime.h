#pragma once

#include <QByteArrayView>

namespace vs {

// Compares two byte strings in time that depends only on their lengths, never on where they
// first differ, so a client cannot learn a valid signature byte by byte from response times.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace vs
