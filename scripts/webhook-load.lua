-- wrk script that posts signed ChangeThisFile webhook deliveries.
--
--   wrk -t2 -c16 -d10s --latency -s scripts/webhook-load.lua URL -- DELIVERIES_FILE THREADS
--
-- DELIVERIES_FILE has one delivery a line: the X-CTF-Signature header, a tab, and the JSON body,
-- as written by `ChangeThisFile.Client.Benchmarks sign-deliveries`. Each thread takes every
-- THREADS-th line, so no two threads send the same delivery, and cycles through its share.
-- After the run it prints one line that starts with RESULT, for scripts/benchmarks.sh.

local threads = {}
local next_id = 1

function setup(thread)
  thread:set("thread_id", next_id)
  table.insert(threads, thread)
  next_id = next_id + 1
end

function init(args)
  local path = args[1]
  local thread_count = tonumber(args[2])
  requests = {}
  local line_number = 0
  for line in io.lines(path) do
    if line_number % thread_count == thread_id - 1 then
      local tab = line:find("\t", 1, true)
      local headers = {
        ["Content-Type"] = "application/json",
        ["User-Agent"] = "ChangeThisFile-Webhook/1.0",
        ["X-CTF-Event"] = "job.completed",
        ["X-CTF-Signature"] = line:sub(1, tab - 1),
      }
      requests[#requests + 1] = wrk.format("POST", nil, headers, line:sub(tab + 1))
    end
    line_number = line_number + 1
  end
  request_count = #requests
  sent = 0
  non_2xx = 0
end

function request()
  sent = sent + 1
  return requests[((sent - 1) % #requests) + 1]
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non_2xx = non_2xx + 1
  end
end

function done(summary, latency, requests_stats)
  local distinct, bad = 0, 0
  for _, thread in ipairs(threads) do
    distinct = distinct + math.min(thread:get("sent"), thread:get("request_count"))
    bad = bad + thread:get("non_2xx")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    "RESULT requests=%d rps=%.0f p50_us=%.0f p99_us=%.0f max_us=%.0f non2xx=%d socket_errors=%d distinct_sent=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency.max, bad, errors, distinct))
end
