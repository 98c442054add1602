-- wrk script for bench/peer-keycloak.sh: Keycloak's OAuth password grant (POST …/token,
-- grant_type=password with the client's HTTP Basic credentials) as many distinct users. The users,
-- the counting by status and the report are bench/login.lua's; only the request differs.
--
--   wrk -tTHREADS … -s bench/keycloak-login.lua TOKEN_URL -- FIRST_PK STRIDE COUNT PASSWORD THREADS BASIC_CREDENTIALS
--
-- wrk runs it from the repository root, as the bench scripts do.

dofile("bench/login.lua")

local login_init = init

local function form_encoded(value)
  return (value:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

function init(args)
  login_init(args)
  headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = "Basic " .. args[6],
  }
  password_field = form_encoded(password)
end

function request()
  local pk = first_pk + (next_user % count) * stride
  next_user = next_user + 1
  local body = string.format("grant_type=password&username=%s&password=%s",
    form_encoded(string.format("user%d@example.com", pk)), password_field)
  return wrk.format("POST", nil, headers, body)
end
