-- wrk reports p50/p90/p99 only; this prints the figures the benchmark table needs, on one line,
-- with the number of answers the visitor page cache did not have (X-Cache: miss) and so rendered.
-- Given a file of paths after `--`, each request asks for the next path in it (one thread only),
-- so that a run visits many pages instead of one.
local threads = {}
local paths = {}
local next_path = 1

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  misses = 0
  if args[1] then
    for line in io.lines(args[1]) do
      table.insert(paths, line)
    end
  end
end

function request()
  if #paths == 0 then
    return wrk.request()
  end
  local path = paths[next_path]
  next_path = next_path % #paths + 1
  return wrk.format(nil, path)
end

function response(status, headers, body)
  if headers["X-Cache"] == "miss" then
    misses = misses + 1
  end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  local rendered = 0
  for _, thread in ipairs(threads) do
    rendered = rendered + thread:get("misses")
  end
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50=%.1f p95=%.1f p99=%.1f errors=%d bytes=%d misses=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors, summary.bytes, rendered))
end
