-- wrk script of bench/run.sh: prints the run as one JSON line after the human summary, so the
-- harness keeps machine-readable figures (requests/s, latency percentiles in µs, errors).
--
-- WRK_PATHS (optional): paths separated by "|", requested in turn on each connection (mixed
-- load); without it, wrk requests the path of its URL argument.

local paths = {}
local env_paths = os.getenv("WRK_PATHS")
if env_paths and env_paths ~= "" then
  for p in string.gmatch(env_paths, "[^|]+") do
    table.insert(paths, p)
  end
end

local counter = 0
if #paths > 0 then
  request = function()
    counter = counter + 1
    return wrk.format(nil, paths[(counter % #paths) + 1])
  end
end

-- Every response status, so that a 3xx/4xx/5xx that wrk does not count as an error still shows.
statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

-- wrk runs `response` in each thread's own Lua state: collect each thread's table.
local threads = {}
setup = function(thread)
  table.insert(threads, thread)
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local by_status = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    if s then
      for k, v in pairs(s) do
        by_status[k] = (by_status[k] or 0) + v
      end
    end
  end
  local parts = {}
  for k, v in pairs(by_status) do
    table.insert(parts, string.format('"%d":%d', k, v))
  end
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_s":%.3f,"rps":%.1f,"bytes":%d,'
      .. '"latency_us":{"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"max":%d},'
      .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
      .. '"statuses":{%s}}\n',
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.status, e.timeout, table.concat(parts, ",")))
end
