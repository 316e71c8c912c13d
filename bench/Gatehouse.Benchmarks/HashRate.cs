using System.Diagnostics;
using Gatehouse.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace Gatehouse.Benchmarks;

/// <summary>
/// The hash-bound sign-in rate: how many times per second this machine verifies one stored password hash with
/// the server's hasher (<see cref="PasswordHasher{TUser}"/> of <see cref="User"/>, default options), on every
/// core at once. The hash passed in is a user's <c>password_hash</c> as the server stored it, so the format and
/// iteration count are the server's own. A sign-in cannot be faster than one such verification. It also prints
/// the CPU time per verification, which other work on a shared machine inflates far less than the rate.
/// </summary>
public static class HashRate
{
    /// <summary>Verifies <paramref name="hash"/> on <see cref="Environment.ProcessorCount"/> threads for <paramref name="seconds"/> and prints the rate.</summary>
    public static int Run(TextWriter output, double seconds, string password, string hash)
    {
        var hasher = new PasswordHasher<User>();
        var user = new User(Guid.CreateVersion7(), "hash-rate@example.com", "Hash", "Rate", DateTimeOffset.UtcNow);
        var first = hasher.VerifyHashedPassword(user, hash, password);
        if (first != PasswordVerificationResult.Success)
        {
            output.WriteLine($"The password does not verify against the hash as plain Success ({first}); the rate would measure another path.");
            return 1;
        }
        var threads = Environment.ProcessorCount;
        var counts = new long[threads];
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            long n = 0;
            while (stopwatch.Elapsed < deadline)
            {
                if (hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Success)
                {
                    throw new InvalidOperationException("A verification failed.");
                }
                n++;
            }
            counts[i] = n;
        }) { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var total = counts.Sum();
        output.WriteLine(FormattableString.Invariant(
            $"hash-bound: {total / elapsed:F1} verifications/s ({total} in {elapsed:F1} s on {threads} threads; {1000 * elapsed * threads / total:F1} ms per verification per thread; CPU {cpu / total:F1} ms per verification)"));
        return 0;
    }
}
