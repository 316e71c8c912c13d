-- wrk script: POST an access check; the body is prepared by check-load.sh.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("GATEHOUSE_KEY")
wrk.body = os.getenv("GATEHOUSE_CHECK_BODY")
