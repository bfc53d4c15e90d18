#include "Commands.h"

#include <cstdio>

int runSimulateCommand(const QStringList &)
{
    std::fputs("videostreams: this command is not built yet\n", stderr);
    return 2;
}
