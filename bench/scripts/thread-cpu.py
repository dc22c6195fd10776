#!/usr/bin/env python3
# CPU time and wake-ups per thread of one process over a window, from /proc/PID/task/*/stat
# (utime+stime) and status (voluntary+nonvoluntary context switches): what an idle node runs.
# Usage: bench/scripts/thread-cpu.py PID [SECONDS]   (thread names are cut to 15 characters
# by the kernel; `jstack PID` maps the thread ids, in hex as nid=, to full names)
import os
import sys
import time

pid=sys.argv[1]; dur=float(sys.argv[2]) if len(sys.argv)>2 else 30
def snap():
    r={}
    for t in os.listdir(f'/proc/{pid}/task'):
        try:
            s=open(f'/proc/{pid}/task/{t}/stat').read()
            name=s[s.index('(')+1:s.rindex(')')]
            f=s[s.rindex(')')+2:].split()
            r[t]=(name,int(f[11])+int(f[12]))
        except Exception: pass
    # voluntary ctx switches
    return r
def csw():
    r={}
    for t in os.listdir(f'/proc/{pid}/task'):
        try:
            for l in open(f'/proc/{pid}/task/{t}/status'):
                if l.startswith('voluntary_ctxt_switches'): v=int(l.split()[1])
                if l.startswith('nonvoluntary_ctxt_switches'): n=int(l.split()[1])
            r[t]=v+n
        except Exception: pass
    return r
a=snap(); ca=csw(); time.sleep(dur); b=snap(); cb=csw()
tot=0; rows=[]
for t,(n,v) in b.items():
    d=v-a.get(t,(n,0))[1]; w=cb.get(t,0)-ca.get(t,0); tot+=d
    rows.append((d,w,n,t))
rows.sort(reverse=True)
hz=os.sysconf('SC_CLK_TCK')
print(f"total {tot} ticks = {100*tot/hz/dur:.3f}% over {dur}s; threads {len(b)}; wakeups/s {sum(r[1] for r in rows)/dur:.0f}")
for d,w,n,t in rows[:40]:
    if d or w:
        print(f"{d:5d} ticks {w/dur:8.1f} wake/s  {n} ({t})", flush=True)
