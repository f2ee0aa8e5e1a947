-- wrk script: sends pre-signed requests from a file, each one once, so replay protection and de-duplication
-- do real work. Every line is `METHOD<TAB>PATH<TAB>HEADERS<TAB>BODY`, HEADERS as `Name: value` joined by \1.
-- Thread i of n takes lines i, i+n, i+2n, … so no two connections send the same request. When a thread runs
-- out it starts again from its first line: those repeats are refused as replays, and bench_http.py counts
-- them (wrk's "Non-2xx" line) to tell the run was too short of requests.
-- `delay_ms` (second argument) is the period of each thread's schedule when bench_http.py appends `paced.lua`,
-- whose `delay()` function (wrk looks for one before any thread starts) paces the requests.

local threads = {}
local counter = 0

function setup(thread)
    thread:set("thread_index", counter)
    counter = counter + 1
    table.insert(threads, thread)
end

function init(args)
    local path = args[1]
    delay_ms = tonumber(args[2] or "0")
    thread_count = tonumber(args[3] or "1")
    requests = {}
    local line_number = 0
    for line in io.lines(path) do
        if line_number % thread_count == thread_index then
            local method, target, header_text, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
            local headers = {}
            for header in header_text:gmatch("[^\1]+") do
                local name, value = header:match("^([^:]+): (.*)$")
                headers[name] = value
            end
            table.insert(requests, wrk.format(method, target, headers, body))
        end
        line_number = line_number + 1
    end
    next_request = 0
end

function request()
    next_request = next_request % #requests + 1
    return requests[next_request]
end
