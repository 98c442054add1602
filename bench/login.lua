-- wrk script for bench/login-bound.sh: POST /api/users/login/ as many distinct users, all with
-- the same password, and count the answers by status (only 200s are logins).
--
--   wrk -tTHREADS … -s bench/login.lua URL -- FIRST_PK STRIDE COUNT PASSWORD THREADS
--
-- The users are user{FIRST_PK + i * STRIDE}@example.com for i in 0 … COUNT-1. Each wrk thread
-- starts at its own share of that list and goes round it.

local threads = {}

function setup(thread)
  thread:set("number", #threads)
  table.insert(threads, thread)
end

function init(args)
  first_pk = tonumber(args[1])
  stride = tonumber(args[2])
  count = tonumber(args[3])
  password = args[4]
  next_user = math.floor(number * count / tonumber(args[5]))
  ok = 0
  refused = 0
  statuses = ""
  seen = {}
  headers = { ["Content-Type"] = "application/json" }
end

function request()
  local pk = first_pk + (next_user % count) * stride
  next_user = next_user + 1
  local body = string.format('{"email":"user%d@example.com","password":"%s"}', pk, password)
  return wrk.format("POST", nil, headers, body)
end

function response(status, response_headers, body)
  if status == 200 then
    ok = ok + 1
  else
    refused = refused + 1
    seen[status] = (seen[status] or 0) + 1
    -- thread:get copies strings reliably between Lua states; tables less so.
    local parts = {}
    for code, n in pairs(seen) do table.insert(parts, code .. "×" .. n) end
    statuses = table.concat(parts, " ")
  end
end

function done(summary, latency, requests)
  local total_ok, total_refused, all_statuses = 0, 0, {}
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_refused = total_refused + thread:get("refused")
    local s = thread:get("statuses")
    if s ~= "" then table.insert(all_statuses, s) end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("logins (200): %d in %.1f s\n", total_ok, seconds))
  io.write(string.format("non-200 answers: %d %s\n", total_refused, table.concat(all_statuses, "; ")))
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("latency p50 %.1f ms, p99 %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  io.write(string.format("logins/s: %.2f\n", total_ok / seconds))
end
