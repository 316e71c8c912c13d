-- wrk script: the trivial endpoint, with the same Authorization header so both runs pay for the same request size.
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("GATEHOUSE_KEY")
