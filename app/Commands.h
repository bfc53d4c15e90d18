#pragma once

#include <QStringList>

// Each subcommand of `videostreams` parses its own options (QCommandLineParser) from `arguments`,
// which start with the program name followed by the subcommand's own arguments.
// The return value is the process exit code.

int runServeCommand(const QStringList &arguments);
int runSimulateCommand(const QStringList &arguments);
int runGuiCommand(const QStringList &arguments);
