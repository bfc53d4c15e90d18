#pragma once

#include <QString>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vs {

// A user id checked once against IdRules, with its ASCII bytes and their hash computed once.
// For trusted callers that address the same user many times (the simulator's virtual viewers):
// StreamLimiter's UserKey overloads (watch, heartbeat, stop, list) then skip re-validating the
// user id, and MemoryLeaseStore skips narrowing and hashing it, with the same decisions and
// events as the QString overloads.
//
// A default-constructed key is null: every call given one answers InvalidRequest (user_id),
// like an empty user id. Copying a key copies its bytes; keep keys, pass them by reference.
class UserKey
{
public:
    UserKey() = default;

    // nullopt, with IdRules' message naming "user_id" in `error` (when given), for an invalid id.
    static std::optional<UserKey> fromString(const QString &userId, QString *error = nullptr);
    // The hash MemoryLeaseStore places users by; a key's hash() is this of its bytes().
    static std::size_t hashOf(std::string_view bytes);

    bool isNull() const { return m_bytes.empty(); }
    const QString &text() const { return m_text; }
    std::string_view bytes() const { return m_bytes; }
    std::size_t hash() const { return m_hash; }

    friend bool operator==(const UserKey &a, const UserKey &b) { return a.m_bytes == b.m_bytes; }

private:
    QString m_text;      // as given: results and events carry it
    std::string m_bytes; // the same id as ASCII bytes
    std::size_t m_hash = 0;
};

} // namespace vs
