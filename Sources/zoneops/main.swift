import ZoneOpsWeb
print("hi")
