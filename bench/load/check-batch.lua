-- wrk script: POST a batch of 100 access checks; the body is prepared by check-load.sh.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("GATEHOUSE_KEY")
wrk.body = os.getenv("GATEHOUSE_BATCH_BODY")
