-- wrk readers' mix: rotates over the paths given after `--`, counts the app cache's
-- X-Cache answers (hit, miss, none = not storable) and reports one JSON line.
--
-- With READERS_THINK_MS set, each connection is a reader who waits a random think time
-- (exponential, that mean) after each answer: a steady offered load below capacity, whose
-- latency is the readers' experience. Without it, wrk saturates the server and latency is
-- only the queue (connections / throughput). wrk counts latency from the request's send,
-- so the think time is not in it.
local threads = {}
local think_ms = tonumber(os.getenv("READERS_THINK_MS") or "")

if think_ms and think_ms > 0 then
  function delay()
    return math.floor(-math.log(1 - math.random()) * think_ms)
  end
end

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  math.randomseed(os.time() * 100 + id)
  paths = args
  sent = 0
  hits = 0
  misses = 0
  uncached = 0
end

function request()
  sent = sent + 1
  return wrk.format(nil, paths[(sent % #paths) + 1])
end

function response(status, headers, body)
  local state = headers["X-Cache"]
  if state == "hit" then
    hits = hits + 1
  elseif state == "miss" then
    misses = misses + 1
  else
    uncached = uncached + 1
  end
end

function done(summary, latency, requests)
  local hit, miss, none = 0, 0, 0
  for _, thread in ipairs(threads) do
    hit = hit + thread:get("hits")
    miss = miss + thread:get("misses")
    none = none + thread:get("uncached")
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"x_cache": {"hit": %d, "miss": %d, "none": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    hit, miss, none))
end
