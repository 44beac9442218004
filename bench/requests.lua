-- Sends the requests listed in BENCH_REQUESTS_FILE, one per line (method, path, Cookie header,
-- form body, separated by tabs), each once and in order, then stops: every request of a write
-- changes fresh state. The run stops early enough that no line is sent twice with
-- BENCH_CONNECTIONS requests in flight.
local lines = {}
local sent = 0
local seen = 0
local limit = 0

function init(args)
  for line in io.lines(os.getenv("BENCH_REQUESTS_FILE")) do
    lines[#lines + 1] = line
  end
  limit = #lines - tonumber(os.getenv("BENCH_CONNECTIONS") or "8")
end

function request()
  sent = sent + 1
  local line = lines[math.min(sent, #lines)]
  local method, path, cookie, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
  return wrk.format(method, path, {
    ["Cookie"] = cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end

function response(status, headers, body)
  seen = seen + 1
  if seen >= limit then wrk.thread:stop() end
end
