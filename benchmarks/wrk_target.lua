-- wrk script for the benchmark: optional cache busting, and an honest count of what the
-- anonymous page cache did (X-Page-Cache: hit / stale / miss / absent) and of non-200 answers.
--
-- BENCH_BUST=1   append _=<nonce>-<thread>-<n> to every request, so each one is a new
--                URL and therefore a page-cache miss (the catalogue ignores `_`).
-- BENCH_NONCE    makes the busted URLs unique across runs that share one Redis.

local threads = {}
local bust = os.getenv("BENCH_BUST") == "1"
local nonce = os.getenv("BENCH_NONCE") or "0"

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  counter = 0
  hits = 0
  misses = 0
  stale = 0
  absent = 0
  non200 = 0
  local path = wrk.path
  separator = string.find(path, "?", 1, true) and "&" or "?"
end

function request()
  if bust then
    counter = counter + 1
    return wrk.format(nil, wrk.path .. separator .. "_=" .. nonce .. "-" .. tid .. "-" .. counter)
  end
  return wrk.request()
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
  local cache = headers["X-Page-Cache"] or headers["x-page-cache"]
  if cache == "hit" then
    hits = hits + 1
  elseif cache == "stale" then
    stale = stale + 1
  elseif cache == "miss" then
    misses = misses + 1
  else
    absent = absent + 1
  end
end

function done(summary, latency, requests)
  local h, m, a, n, s = 0, 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits")
    m = m + thread:get("misses")
    a = a + thread:get("absent")
    n = n + thread:get("non200")
    s = s + thread:get("stale")
  end
  io.write(string.format("BENCH-CACHE hits=%d misses=%d absent=%d non200=%d stale=%d\n", h, m, a, n, s))
end
