-- Appended to requests.lua for a paced run, with one connection per thread: thread i of n sends at
-- start + (i / n + k) * delay_ms, k = 0, 1, 2, …, so the requests of all threads together come evenly spaced, at
-- n / delay_ms per millisecond. Waiting `delay_ms` after each answer instead (wrk's usual closed loop) fell short of
-- the rate by the answers' own time, and let the connections fall into step: after any slow moment they all sent
-- together, and the server met bursts of n requests at a time rather than the rate.
--
-- A request whose time came while the one before was still unanswered leaves at once; the times missed meanwhile
-- are skipped, not made up in a burst, and the thread keeps its place in the schedule. wrk times a request from
-- when it leaves, so such a wait is not in the latencies: `done` prints how many left over a millisecond late, for
-- bench_http.py to report beside them.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } paced_timespec;
int clock_gettime(int clock, paced_timespec *now);
]]
local CLOCK_MONOTONIC = 1
local clock_reading = ffi.new("paced_timespec")

local function now_ms()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, clock_reading)
    return tonumber(clock_reading.tv_sec) * 1000 + tonumber(clock_reading.tv_nsec) / 1e6
end

local next_send = nil
late_sends = 0

function delay()
    local now = now_ms()
    if next_send == nil then
        next_send = now + delay_ms * thread_index / thread_count
    end
    if now - next_send > 1 then
        late_sends = late_sends + 1
    end
    local wait = math.max(0, next_send - now)
    next_send = next_send + delay_ms
    while next_send < now do
        next_send = next_send + delay_ms
    end
    -- wrk waits whole milliseconds; the schedule itself keeps its fractions, so the rate stays exact.
    return math.floor(wait + 0.5)
end

function done(summary, latency, requests)
    local late = 0
    for _, thread in ipairs(threads) do
        late = late + (thread:get("late_sends") or 0)
    end
    io.write(string.format("Late sends: %d\n", late))
end
