#pragma once

#include <QByteArray>

namespace vs {

// The status line QHttpServerResponder::writeStatusLine (Qt 6.4) writes for `status`, CRLF
// included, for answers written without a responder (SimpleHttpRequest). Qt 6.4 has its own
// phrases (413 "Request Entity Too Large", not RFC 9110's "Content Too Large") and none for
// some codes (then no space either); tst_HttpStatusLine compares every code with Qt's line.
QByteArray httpStatusLine(int status);

} // namespace vs
