-- wrk script for bench/run.py: rotates through the request paths listed in a file (one a
-- line; each thread starts at its own offset), counts every answer that is not 2xx as an
-- error, and prints one JSON line with throughput, latency percentiles and errors.
-- Usage: wrk -t2 -c8 -d15s -s bench/report.lua http://127.0.0.1:8101 -- paths.txt

-- Globals, not locals: done() reads each thread's counter with thread:get().
paths = {}
position = 0
non2xx = 0
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(paths, line) end
  end
  position = (offset or 0) * 7
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  local e = summary.errors
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("non2xx") or 0)
  end
  if e.status > bad then bad = e.status end
  local socket = e.connect + e.read + e.write + e.timeout
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "duration_s": %.3f, "p50_ms": %.3f, "p95_ms": %.3f, ' ..
    '"p99_ms": %.3f, "max_ms": %.3f, "non2xx": %d, "socket_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3,
    bad, socket, e.timeout))
end
