-- wrk script for bench/load/oidc.sh: POSTs token requests to the path of the URL wrk is given.
-- $BENCH_FORM is the client's part of the form (client_id, client_secret, and for client credentials the grant).
-- With $BENCH_REFRESH_TOKENS (a file, one refresh token per line) every request redeems a refresh token and the
-- answer's new refresh token goes back in the thread's queue: refresh tokens rotate and each may be used once, so
-- each connection follows its own chains. A thread takes every $BENCH_THREADS-th line of the file, so give it at
-- least as many tokens as connections. Only 200 answers count; done() prints how many there were, and per second.
local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  form = os.getenv("BENCH_FORM")
  path = wrk.path
  queue = nil
  local file = os.getenv("BENCH_REFRESH_TOKENS")
  if file and file ~= "" then
    queue = {}
    local count = tonumber(os.getenv("BENCH_THREADS") or "1")
    local i = 0
    for line in io.lines(file) do
      if line ~= "" then
        if i % count == index then table.insert(queue, line) end
        i = i + 1
      end
    end
  end
  ok, others, lost, sample = 0, 0, 0, ""
end

function request()
  local body = form
  if queue then
    local token = table.remove(queue, 1)
    if token == nil then
      lost = lost + 1
      token = "none-left"
    end
    body = form .. "&grant_type=refresh_token&refresh_token=" .. token
  end
  return wrk.format("POST", path, { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
    if queue then
      local token = body:match('"refresh_token"%s*:%s*"([^"]+)"')
      if token then table.insert(queue, token) else others = others + 1 end
    end
  else
    others = others + 1
    if sample == "" then sample = status .. " " .. body:sub(1, 300) end
  end
end

function done(summary, latency, requests)
  local good, bad, gone, first = 0, 0, 0, ""
  for _, thread in ipairs(threads) do
    good = good + thread:get("ok")
    bad = bad + thread:get("others")
    gone = gone + thread:get("lost")
    if first == "" then first = thread:get("sample") end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("answers 200: %d in %.2f s = %.1f/s; other answers: %d; chains run dry: %d\n", good, seconds, good / seconds, bad, gone))
  if first ~= "" then io.write("first other answer: " .. first .. "\n") end
end
