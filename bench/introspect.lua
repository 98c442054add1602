-- wrk script for bench/app-checks.sh: POST /api/introspect/ with a client's HTTP Basic
-- credentials and one token, as an application's resource server sends it.
--
--   wrk … -s bench/introspect.lua URL -- BASIC_CREDENTIALS TOKEN

function init(args)
  headers = {
    ["Authorization"] = "Basic " .. args[1],
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }
  body = "token=" .. args[2]
  inactive = 0
end

function request()
  return wrk.format("POST", nil, headers, body)
end

-- An answer that is not a live token would make the figure meaningless: count them.
function response(status, response_headers, response_body)
  if status ~= 200 or not string.find(response_body, '"active":true', 1, true) then
    inactive = inactive + 1
  end
end
