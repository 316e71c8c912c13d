-- wrk script: POST /account/sign-in, rotating through the lines of $GATEHOUSE_SIGNIN_REQUESTS
-- ("Cookie header TAB form body": one client's antiforgery cookie, and one user's sign-in form with that
-- client's token; sign-in.sh fetched the pairs with a GET each). Only 302 answers are sign-ins; done()
-- prints how many there were, and per second, over all threads. GATEHOUSE_SIGNIN_EXPECT=200 counts the
-- error page instead (sign-in.sh's breakdown posts wrong passwords and unknown emails).
local threads = {}
local counter = 0
local expect = tonumber(os.getenv("GATEHOUSE_SIGNIN_EXPECT") or "302")

function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end

function init(args)
  requests = {}
  for line in io.lines(os.getenv("GATEHOUSE_SIGNIN_REQUESTS")) do
    local cookie, body = line:match("^([^\t]*)\t(.*)$")
    if cookie then
      table.insert(requests, wrk.format("POST", "/account/sign-in",
        { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie }, body))
    end
  end
  counter = offset
  signins, others = 0, 0
end

function request()
  counter = counter + 1
  return requests[counter % #requests + 1]
end

function response(status, headers, body)
  if status == expect then signins = signins + 1 else others = others + 1 end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("signins")
    bad = bad + thread:get("others")
  end
  io.write(string.format("answers " .. expect .. ": %d in %.1f s = %.1f/s; other answers: %d; socket errors: %d\n",
    ok, summary.duration / 1e6, ok / (summary.duration / 1e6), bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status))
end
