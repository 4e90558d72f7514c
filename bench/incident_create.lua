-- wrk script for bench/incidents.py: POST /api/v1/incidents with a distinct title each time.
-- TOKEN comes from the environment; any answer but 201 is printed and counted as an error.
local counter = 0
local errors = 0
request = function()
  counter = counter + 1
  local body = string.format('{"title":"基准报障 %d-%d","description":"卡口车道道闸不抬杆","impact":2,"urgency":2}',
                             math.random(1, 1000000), counter)
  return wrk.format("POST", "/api/v1/incidents",
                    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN")}, body)
end
response = function(status, headers, body)
  if status ~= 201 then
    errors = errors + 1
    if errors <= 3 then io.write("unexpected " .. status .. ": " .. body .. "\n") end
  end
end
