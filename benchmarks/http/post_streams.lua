-- wrk script: POST /v1/users/{random user}/streams with a random video of a small catalogue.
-- 1M users, so most requests are grants, some reuses and, later in a run, some 409s.
-- Usage: wrk -t2 -c16 -d10s --latency -s post_streams.lua http://127.0.0.1:PORT
-- Each wrk thread has its own Lua state; seed each differently (a table's address differs per
-- state) so threads do not replay the same users.
init = function(args)
    math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000003)
end
local headers = { ["Content-Type"] = "application/json" }

request = function()
    local user = math.random(1, 1000000)
    local video = math.random(1, 5)
    return wrk.format("POST", "/v1/users/u" .. user .. "/streams", headers,
                      '{"video_id":"v' .. video .. '"}')
end
