#pragma once

#include "StreamId.h"

#include <QString>

#include <vector>

namespace vs {

// A request of a simulated viewer. Users and videos are indices (user i is "u<i>", video j is
// "v<j>"); a stream is named by its user and video, since the core keeps at most one stream per
// user and video. The target keeps the server's stream ids.
struct TargetCall
{
    enum class Kind : quint8
    {
        Watch,
        Heartbeat,
        Stop,
    };

    Kind kind = Kind::Watch;
    quint32 user = 0;
    quint32 video = 0;
    quint64 tag = 0;         // the engine's own reference, returned in the reply
    qint64 intendedAtUs = 0; // simulated µs since the start when the viewer meant to send it
    // Heartbeat, stop: the id the target reported with the grant (TargetReply::stream), if the
    // engine kept it; saves the target a lookup by user and video. Null: look it up.
    StreamId stream;
};

struct TargetReply
{
    enum class Outcome : quint8
    {
        Granted, // watch: a new stream
        Reused,  // watch: the user's stream of this video, renewed
        Denied,  // watch: at the limit
        Renewed, // heartbeat
        Stopped, // stop
        Expired, // heartbeat/stop: the lease had run out
        Evicted, // heartbeat: ended by evict_oldest
        Unknown, // heartbeat/stop: no such stream (e.g. already stopped)
        Error,   // transport error, timeout, unexpected status or body
    };

    TargetCall call;
    Outcome outcome = Outcome::Error;
    int limit = 0;        // the user's limit as the target reported it (0: not reported)
    int activeCount = -1; // the user's active streams after the decision (-1: not reported)
    // Both in the target's clock, ms since the epoch (0: not reported).
    qint64 decidedAtMs = 0;
    qint64 expiresAtMs = 0; // Granted/Reused/Renewed: the lease's expiry (INT64_MAX: never)
    qint64 latencyUs = 0;   // from the intended send time to the answer (0 in virtual time)
    StreamId stream;        // Granted/Reused: the stream's id, when the target has a binary one
    std::vector<quint32> evictedVideos; // Granted under evict_oldest: the user's streams it ended
    QString error;                      // Error: what went wrong
};

// Receives the target's replies, on the engine's thread.
class TargetListener
{
public:
    virtual ~TargetListener() = default;
    virtual void onReply(const TargetReply &reply) = 0;
};

// Where the simulated viewers send their requests: the core in-process (EmbeddedTarget, virtual
// or real time) or a VideoStreams endpoint (HttpTarget, real time). Used from the engine's
// thread only, except where a subclass says otherwise.
class Target
{
public:
    virtual ~Target() = default;

    // Embedded targets answer inside send(); others answer later from the event loop.
    virtual bool isSynchronous() const = 0;
    virtual bool supportsVirtualTime() const = 0;

    void setListener(TargetListener *listener) { m_listener = listener; }

    // Called once before the first call; `startMs` is the target clock's reading for simulated
    // time 0. Returns an error message when the target cannot be used.
    virtual QString open(qint64 startMs) = 0;
    virtual void close() {}
    // Virtual time: the simulated clock moved to `simulatedUs` µs since the start.
    virtual void advanceTo(qint64 simulatedUs) { Q_UNUSED(simulatedUs); }

    virtual void send(const TargetCall &call) = 0;
    // The engine no longer cares about this stream (its viewer vanished): drop its id.
    virtual void forget(quint32 user, quint32 video) = 0;

    // A hint that a call for `user` comes soon (virtual time): a target may load what it will
    // touch into the cache. Must not change any result.
    virtual void prefetch(quint32 user) const { Q_UNUSED(user); }

    virtual qint64 inFlight() const { return 0; }
    // Sum of the users' limits, or -1 when the target does not know it.
    virtual qint64 capacity() const { return -1; }

    static QString userId(quint32 user);
    static QString videoId(quint32 video);

protected:
    void deliver(const TargetReply &reply)
    {
        if (m_listener)
            m_listener->onReply(reply);
    }

private:
    TargetListener *m_listener = nullptr;
};

} // namespace vs
