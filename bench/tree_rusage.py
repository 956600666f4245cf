#!/usr/bin/env python3
"""Runs a command and reports the time and memory of its whole process tree, daemons included.

    python3 bench/tree_rusage.py OUT.json STDOUT_FILE STDERR_FILE -- COMMAND ARGS...

`/usr/bin/time` counts the command and the children it waits for; PostgreSQL started by pg_ctl is
not one of those (pg_ctl forks the postmaster and exits, the postmaster is re-parented), so its
CPU would be lost. Here this process makes itself a child subreaper (prctl
PR_SET_CHILD_SUBREAPER, Linux): orphans of the tree are re-parented to it, it reaps them after
the command ends, and getrusage(RUSAGE_CHILDREN) then holds the CPU of every process of the tree
that has ended (the postmaster's own total includes the backends it reaped).

Writes JSON: wall_s (until the command exits), cpu_s (user + system of the whole tree),
command_cpu_s (the command and the children it waited for: the JVM, initdb, pg_ctl),
server_cpu_s (the difference: the re-parented postmaster and its backends), peak_rss_mib (the
largest single process of the tree, ru_maxrss), command_rss_mib, exit, unreaped (true when a process
was still running 20 s after the command ended: its CPU is not counted).
"""
import ctypes
import json
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def main():
    out, stdout_file, stderr_file = sys.argv[1:4]
    if sys.argv[4] != "--":
        sys.exit("usage: tree_rusage.py OUT.json STDOUT STDERR -- COMMAND...")
    command = sys.argv[5:]
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.exit("prctl(PR_SET_CHILD_SUBREAPER) failed: errno %d" % ctypes.get_errno())
    start = time.monotonic()
    with open(stdout_file, "wb") as so, open(stderr_file, "wb") as se:
        child = subprocess.Popen(command, stdout=so, stderr=se)
        _, status, own = os.wait4(child.pid, 0)
    wall = time.monotonic() - start
    # Orphans (the postmaster) end when the command stops its server; reap them, bounded.
    unreaped = False
    deadline = time.monotonic() + 20
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            if time.monotonic() > deadline:
                unreaped = True
                break
            time.sleep(0.05)
    tree = resource.getrusage(resource.RUSAGE_CHILDREN)
    command_cpu = own.ru_utime + own.ru_stime
    cpu = tree.ru_utime + tree.ru_stime
    result = {
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "command_cpu_s": round(command_cpu, 2),
        "server_cpu_s": round(cpu - command_cpu, 2),
        "peak_rss_mib": round(tree.ru_maxrss / 1024),
        "command_rss_mib": round(own.ru_maxrss / 1024),
        "exit": os.waitstatus_to_exitcode(status),
        "unreaped": unreaped,
    }
    with open(out, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
