#include "RedisScripts.h"

#include <QCryptographicHash>

#include <array>

namespace vs {

namespace {

// Shared by the user scripts. A lease is stored in the user's hash as
// "seq video device started lastHeartbeat expires" (ids never contain spaces; an empty device is
// an empty field; expires -1 means never). seq keeps grant order.
const char prelude[] = R"lua(
local leasesKey, endedKey, metaKey = KEYS[1], KEYS[2], KEYS[3]
local function fmt(n) return string.format('%.0f', n) end
local function clockNow(arg)
  if arg ~= nil and arg ~= '' then return tonumber(arg) end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function split(s)
  local fields = {}
  for field in string.gmatch(s .. ' ', '([^ ]*) ') do fields[#fields + 1] = field end
  return fields
end
local function decode(id, value)
  local f = split(value)
  return {id = id, seq = tonumber(f[1]), video = f[2], device = f[3], started = tonumber(f[4]),
          hb = tonumber(f[5]), exp = tonumber(f[6])}
end
local function encode(l)
  return fmt(l.seq) .. ' ' .. l.video .. ' ' .. l.device .. ' ' .. fmt(l.started) .. ' ' ..
         fmt(l.hb) .. ' ' .. fmt(l.exp)
end
local function reply(l) return {l.id, l.video, l.device, fmt(l.started), fmt(l.hb), fmt(l.exp)} end
local function replies(list)
  local out = {}
  for i, l in ipairs(list) do out[i] = reply(l) end
  return out
end
local function isActive(l, now) return l.exp < 0 or now < l.exp end
local function expiry(now, ttl) if ttl <= 0 then return -1 end return now + ttl end
local function load()
  local raw = redis.call('HGETALL', leasesKey)
  local list = {}
  for i = 1, #raw, 2 do list[#list + 1] = decode(raw[i], raw[i + 1]) end
  table.sort(list, function(a, b) return a.seq < b.seq end)
  return list
end
local maxTombstones = 16
local function remember(id, endedAt, evicted, retention)
  redis.call('HSET', endedKey, id, (evicted and 'v ' or 'e ') .. fmt(endedAt))
  if redis.call('HLEN', endedKey) > maxTombstones then
    local raw = redis.call('HGETALL', endedKey)
    local oldestId, oldestAt
    for i = 1, #raw, 2 do
      local at = tonumber(string.sub(raw[i + 1], 3))
      if oldestAt == nil or at < oldestAt then oldestId, oldestAt = raw[i], at end
    end
    redis.call('HDEL', endedKey, oldestId)
  end
  -- Memory clean-up only: precise forgetting is checked against the retention when read.
  redis.call('PEXPIRE', endedKey, math.max(retention, 1000))
end
-- Removes the leases that expired by now (at most `budget`, nil: all); returns the rest.
local function removeExpired(list, now, retention, expired, budget)
  local active = {}
  for _, l in ipairs(list) do
    if isActive(l, now) or (budget ~= nil and #expired >= budget) then
      active[#active + 1] = l
    else
      redis.call('HDEL', leasesKey, l.id)
      remember(l.id, l.exp, false, retention)
      expired[#expired + 1] = l
    end
  end
  return active
end
-- Keeps the sweep index no later than the user's earliest expiry. Returns the score the caller
-- must publish (ZADD vs:{sweep}:due), or -2 when the index needs no change.
local function publish(active)
  local earliest
  for _, l in ipairs(active) do
    if l.exp >= 0 and (earliest == nil or l.exp < earliest) then earliest = l.exp end
  end
  if #active == 0 then redis.call('DEL', metaKey) return -2 end
  if earliest == nil then redis.call('HDEL', metaKey, 'due') return -2 end
  local due = tonumber(redis.call('HGET', metaKey, 'due'))
  if due == nil or earliest < due then
    redis.call('HSET', metaKey, 'due', fmt(earliest))
    return earliest
  end
  return -2
end
)lua";

// ARGV: now, video, device, limit, ttlMs, atLimit ("reject"|"evict_oldest"), new stream id,
// tombstone retention. Mirrors planAdmission (AdmissionRules.h) exactly.
const char acquire[] = R"lua(
local now = clockNow(ARGV[1])
local video, device, limit, ttl = ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local atLimit, newId, retention = ARGV[6], ARGV[7], tonumber(ARGV[8])
local expired = {}
local active = removeExpired(load(), now, retention, expired)
local delta = -#expired
for _, l in ipairs(active) do
  if l.video == video then
    l.hb = now
    l.exp = expiry(now, ttl)
    redis.call('HSET', leasesKey, l.id, encode(l))
    return {1, #active, publish(active), reply(l), {}, {}, replies(expired), delta}
  end
end
local evicted = {}
if #active >= limit then
  if atLimit ~= 'evict_oldest' or limit <= 0 then
    return {2, #active, -2, {}, {}, replies(active), replies(expired), delta}
  end
  local order = {}
  for i = 1, #active do order[i] = i end
  table.sort(order, function(a, b)
    if active[a].started ~= active[b].started then return active[a].started < active[b].started end
    return a < b
  end)
  local gone = {}
  for i = 1, #active - limit + 1 do
    local l = active[order[i]]
    gone[order[i]] = true
    evicted[#evicted + 1] = l
    redis.call('HDEL', leasesKey, l.id)
    remember(l.id, now, true, retention)
  end
  local kept = {}
  for i, l in ipairs(active) do if not gone[i] then kept[#kept + 1] = l end end
  active = kept
  delta = delta - #evicted
end
local lease = {id = newId, seq = redis.call('HINCRBY', metaKey, 'seq', 1), video = video,
               device = device, started = now, hb = now, exp = expiry(now, ttl)}
redis.call('HSET', leasesKey, lease.id, encode(lease))
active[#active + 1] = lease
return {0, #active, publish(active), reply(lease), replies(evicted), {}, replies(expired), delta + 1}
)lua";

// Outcome of a stream that is not active: 3 evicted, 2 expired, 1 unknown.
const char tombstone[] = R"lua(
local function ended(id, now, retention)
  local value = redis.call('HGET', endedKey, id)
  if not value then return 1 end
  if tonumber(string.sub(value, 3)) < now - retention then
    redis.call('HDEL', endedKey, id)
    return 1
  end
  if string.sub(value, 1, 1) == 'v' then return 3 end
  return 2
end
)lua";

// ARGV: now, stream id, ttlMs, retention.
const char renew[] = R"lua(
local now, id, ttl, retention = clockNow(ARGV[1]), ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local expired = {}
local active = removeExpired(load(), now, retention, expired)
for _, l in ipairs(active) do
  if l.id == id then
    l.hb = now
    l.exp = expiry(now, ttl)
    redis.call('HSET', leasesKey, l.id, encode(l))
    return {0, publish(active), reply(l), replies(expired), -#expired}
  end
end
return {ended(id, now, retention), publish(active), {}, replies(expired), -#expired}
)lua";

// ARGV: now, stream id, retention.
const char release[] = R"lua(
local now, id, retention = clockNow(ARGV[1]), ARGV[2], tonumber(ARGV[3])
local expired = {}
local active = removeExpired(load(), now, retention, expired)
for i, l in ipairs(active) do
  if l.id == id then
    redis.call('HDEL', leasesKey, l.id)
    table.remove(active, i)
    return {0, publish(active), reply(l), replies(expired), -#expired - 1}
  end
end
return {1, publish(active), {}, replies(expired), -#expired}
)lua";

// ARGV: now, retention.
const char list[] = R"lua(
local now, retention = clockNow(ARGV[1]), tonumber(ARGV[2])
local expired = {}
local active = removeExpired(load(), now, retention, expired)
return {replies(active), replies(expired), publish(active), -#expired}
)lua";

// ARGV: now, retention, budget. Returns expired leases, the user's next due time (-2: none), 1
// when expired leases are left over, and the change in stored leases.
const char sweepUser[] = R"lua(
local now, retention, budget = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local expired = {}
local active = removeExpired(load(), now, retention, expired, budget)
local raw = redis.call('HGETALL', endedKey)
for i = 1, #raw, 2 do
  if tonumber(string.sub(raw[i + 1], 3)) < now - retention then redis.call('HDEL', endedKey, raw[i]) end
end
local left, earliest = 0, nil
for _, l in ipairs(active) do
  if not isActive(l, now) then left = 1 end
  if l.exp >= 0 and (earliest == nil or l.exp < earliest) then earliest = l.exp end
end
if #active == 0 then
  redis.call('DEL', metaKey)
  earliest = -2
elseif earliest == nil then
  redis.call('HDEL', metaKey, 'due')
  earliest = -2
else
  if left == 1 then earliest = now end
  redis.call('HSET', metaKey, 'due', fmt(earliest))
end
return {replies(expired), earliest, left, -#expired}
)lua";

// KEYS: the sweep index. ARGV: now, how many users. Returns now and user, score pairs due by now.
const char sweepDue[] = R"lua(
local function clockNow(arg)
  if arg ~= nil and arg ~= '' then return tonumber(arg) end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local now = clockNow(ARGV[1])
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES', 'LIMIT', 0,
                       tonumber(ARGV[2]))
return {string.format('%.0f', now), due}
)lua";

// KEYS: the sweep index. ARGV: user, the score the sweep saw, the new score ('' removes).
// Only changes the entry if no acquire published a new score in the meantime.
const char sweepIndexUpdate[] = R"lua(
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) == tonumber(ARGV[2]) then
  if ARGV[3] == '' then redis.call('ZREM', KEYS[1], ARGV[1])
  else redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1]) end
end
return 0
)lua";

struct Compiled
{
    QByteArray source;
    QByteArray sha1;
};

const std::array<Compiled, int(RedisScripts::Script::Count)> &compiled()
{
    static const auto scripts = [] {
        const QByteArray user = QByteArray(prelude);
        const QByteArray bodies[] = {
            QByteArray(user).append(acquire),   QByteArray(user).append(tombstone).append(renew),
            QByteArray(user).append(release),   QByteArray(user).append(list),
            QByteArray(user).append(sweepUser), QByteArray(sweepDue),
            QByteArray(sweepIndexUpdate),
        };
        std::array<Compiled, int(RedisScripts::Script::Count)> out;
        for (std::size_t i = 0; i < out.size(); ++i) {
            out[i].source = bodies[i];
            out[i].sha1 = QCryptographicHash::hash(bodies[i], QCryptographicHash::Sha1).toHex();
        }
        return out;
    }();
    return scripts;
}

} // namespace

const QByteArray &RedisScripts::source(Script script)
{
    return compiled()[std::size_t(script)].source;
}

const QByteArray &RedisScripts::sha1(Script script)
{
    return compiled()[std::size_t(script)].sha1;
}

} // namespace vs
