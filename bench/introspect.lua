-- wrk script for bench/app-checks.sh: POST /api/introspect/ with a client's HTTP Basic
-- credentials and one token, as an application's resource server sends it.
--
--   wrk … -s bench/introspect.lua URL -- BASIC_CREDENTIALS TOKEN
--
-- The request is set once here and built once by wrk, as wrk builds a plain GET; a request() or
-- response() function would run Lua for every request on the cores Keyhold shares, and make
-- introspection look slower than GET /me for the load generator's sake. The script checks the
-- answer is {"active":true} before it measures.

function init(args)
  wrk.method = "POST"
  wrk.headers["Authorization"] = "Basic " .. args[1]
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.body = "token=" .. args[2]
end
