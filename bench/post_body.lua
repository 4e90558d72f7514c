-- wrk script for bench/events.py: POSTs the JSON in $BODY_FILE to the path given to wrk, with
-- $AUTH as the Authorization header when set; counts answers other than 2xx.
local file = io.open(os.getenv("BODY_FILE"), "rb")
local body = file:read("*a")
file:close()
local headers = {["Content-Type"] = "application/json"}
if os.getenv("AUTH") and os.getenv("AUTH") ~= "" then headers["Authorization"] = os.getenv("AUTH") end
local errors = 0
request = function() return wrk.format("POST", nil, headers, body) end
response = function(status, hdrs, text)
  if status < 200 or status > 299 then
    errors = errors + 1
    if errors <= 2 then io.stderr:write("answer " .. status .. ": " .. string.sub(text, 1, 200) .. "\n") end
  end
end
done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d errors_non2xx=%d seconds=%.3f p99_ms=%.2f\n", summary.requests,
                         summary.errors.status, summary.duration / 1e6, latency:percentile(99) / 1000))
end
