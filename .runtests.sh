#!/bin/bash
export GATEHOUSE_TEST_POSTGRES="Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100"
cd /work/wt-oidc2 && timeout 900 dotnet build tests/Gatehouse.Server.Tests/Gatehouse.Server.Tests.csproj -c Release -nologo -v quiet 2>&1 | grep -E "error|warn" | sort -u | head -30
timeout 900 tests/Gatehouse.Server.Tests/bin/Release/net10.0/Gatehouse.Server.Tests "$@" > /tmp/oidc2-test.log 2>&1
grep -A8 "^fail:" /tmp/oidc2-test.log | head -20
grep -v "^\s*info\|Microsoft.Hosting\|Application is" /tmp/oidc2-test.log | grep -A6 "\[FAIL\]" | grep -v "^\s*$" | cut -c1-600 | head -${LINES_MAX:-60}
grep -A1 "SUMMARY" /tmp/oidc2-test.log | tail -1
