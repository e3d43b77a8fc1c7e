import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (user + system) spent by processes, read from /proc (Linux; elsewhere 0). On a machine
 * shared with other work a rate says little, but the CPU a request costs stays nearly the same:
 * the benchmarks print it beside the rates.
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime, stime, cutime, cstime of one process in milliseconds; undefined when it is gone. */
function times(pid: number): [number, number, number, number] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after it are plain numbers.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return [Number(f[11]) * TICK_MS, Number(f[12]) * TICK_MS, Number(f[13]) * TICK_MS, Number(f[14]) * TICK_MS];
  } catch {
    return undefined;
  }
}

/** CPU milliseconds of one process so far. */
export function processCpuMs(pid: number): number {
  const t = times(pid);
  return t ? t[0] + t[1] : 0;
}

/**
 * CPU milliseconds of a PostgreSQL cluster so far: the postmaster, its living children (backends,
 * WAL writer, checkpointer …) and the children it has reaped. A backend that is reaped while its
 * siblings are read (a pool closing an idle connection) would be in neither sum and take its whole
 * life's CPU out of the figure, so the reading is repeated until no child was reaped during it.
 */
export function clusterCpuMs(postmasterPid: number): number {
  for (let attempt = 0; ; attempt++) {
    const before = times(postmasterPid);
    if (!before) return 0;
    const children = livingChildrenCpuMs(postmasterPid);
    const after = times(postmasterPid);
    if (!after) return 0;
    if ((after[2] === before[2] && after[3] === before[3]) || attempt >= 20) return after[0] + after[1] + after[2] + after[3] + children;
  }
}

function livingChildrenCpuMs(parentPid: number): number {
  let total = 0;
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return total;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[1]) === parentPid) total += (Number(f[11]) + Number(f[12])) * TICK_MS;
    } catch {
      // Gone in between.
    }
  }
  return total;
}
