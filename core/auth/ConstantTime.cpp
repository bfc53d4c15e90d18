#include "ConstantTime.h"

namespace vs {

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    // Lengths are public (a signature's length follows from the algorithm); the contents are not.
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    // volatile keeps the compiler from turning the loop back into an early-exit comparison.
    volatile unsigned char result = difference;
    return result == 0;
}

} // namespace vs
