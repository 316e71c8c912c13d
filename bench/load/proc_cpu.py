"""CPU time of processes from /proc, for the bench scripts that divide a server's and PostgreSQL's CPU by their answers."""
import os

tick = os.sysconf("SC_CLK_TCK")


def cpu_ms(pids):
    """User + system CPU time of the processes, in ms; a process gone meanwhile counts nothing."""
    total = 0
    for p in pids:
        try:
            fields = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total * 1000 / tick


def parent(p):
    """The parent's process id, or None when the process is gone."""
    try:
        return int(open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()[1])
    except OSError:
        return None


def postgres_pids(backend_pid):
    """The PostgreSQL server of the backend with this pid: its postmaster and every process it started."""
    postmaster = parent(int(backend_pid))
    return [postmaster, *(int(d) for d in os.listdir("/proc") if d.isdigit() and parent(d) == postmaster)]
