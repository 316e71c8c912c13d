-- wrk script for bench/load/product.sh: GET of one page of the product, with the session cookie in BENCH_COOKIE (none
-- when empty). Prints one line: requests/s, p50/p95/p99 latency, and how many answers were not 200 (a page that
-- redirects to Gatehouse or refuses would otherwise pass for a fast one).
local cookie = os.getenv("BENCH_COOKIE") or ""
wrk.method = "GET"
if cookie ~= "" then wrk.headers["Cookie"] = cookie end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

others = 0
function response(status, headers, body)
  if status ~= 200 then others = others + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("others") end
  local seconds = summary.duration / 1e6
  io.write(string.format("result: %.1f requests/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms; %d requests in %.2f s, %d answers other than 200\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, seconds, bad))
end
