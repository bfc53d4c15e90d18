#pragma once

#include <QByteArray>

namespace vs {

// An incremental HTTP/1.1 response parser for the simulator's own client: feed it bytes as
// they arrive, and it says when one whole response is there. Handles Content-Length, chunked
// bodies and bodiless statuses (1xx is not expected from VideoStreams and is an error). Keeps
// the bytes after a response for the next one, so it also copes with answers that arrive
// back to back.
class HttpResponseParser
{
public:
    enum class State
    {
        Incomplete, // needs more bytes
        Complete,   // status(), body() and closeAfter() describe one response
        Failed,     // the bytes are not an HTTP/1.1 response; error() says why
    };

    // Limits that keep a broken or hostile peer from making the client buffer without end.
    static constexpr qsizetype maxHeaderBytes = 64 * 1024;
    static constexpr qsizetype maxBodyBytes = 16 * 1024 * 1024;

    // Appends `bytes` and parses as far as possible.
    State feed(const QByteArray &bytes);
    // After Complete: forget that response and parse what followed it.
    State next();
    // A new connection: drop everything buffered.
    void reset();

    State state() const { return m_state; }
    int status() const { return m_status; }
    const QByteArray &body() const { return m_body; }
    // The server said `Connection: close` (or spoke HTTP/1.0 without keep-alive).
    bool closeAfter() const { return m_closeAfter; }
    const QByteArray &error() const { return m_error; }
    qsizetype bufferedBytes() const { return m_buffer.size(); }

private:
    State parse();
    State parseHead();
    State parseChunked();
    State fail(const QByteArray &message);

    enum class Phase
    {
        Head,
        FixedBody,
        ChunkSize,
        ChunkData,
        ChunkTrailer,
        Done,
    };

    QByteArray m_buffer;
    Phase m_phase = Phase::Head;
    State m_state = State::Incomplete;
    int m_status = 0;
    qsizetype m_remaining = 0; // body bytes (or chunk bytes) still to come
    QByteArray m_body;
    bool m_closeAfter = false;
    QByteArray m_error;
};

} // namespace vs
