// Where a load's CPU goes: CPU time (user + system, from Linux /proc) of the server process, of
// every PostgreSQL and Redis server process on the machine, and of the benchmark process itself
// (autocannon runs in it). Machine-wide for PostgreSQL and Redis: other work on the machine during
// the load counts too, so these are upper bounds on a shared machine.
import { readdirSync, readFileSync } from 'fs';

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every platform we run on. */
const MICROS_PER_TICK = 10_000;

export interface CpuSnapshot {
  server: number;
  postgres: number;
  redis: number;
  load: number;
}

/** user + system CPU of `pid` in µs, or 0 when it is gone. */
function processCpuMicros(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at `state`; utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MICROS_PER_TICK;
  } catch {
    return 0;
  }
}

/** Summed CPU of every process whose command name starts with one of `prefixes`, per prefix. */
function cpuByCommand(prefixes: readonly string[]): number[] {
  const totals = prefixes.map(() => 0);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let command: string;
    try {
      command = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    const index = prefixes.findIndex((prefix) => command.startsWith(prefix));
    if (index >= 0) totals[index] += processCpuMicros(Number(entry));
  }
  return totals;
}

export function cpuSnapshot(serverPid: number): CpuSnapshot {
  const [postgres, redis] = cpuByCommand(['postgres', 'redis-server']);
  const own = process.cpuUsage();
  return { server: processCpuMicros(serverPid), postgres, redis, load: own.user + own.system };
}

/** CPU µs per request between two snapshots, rounded. */
export function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number): CpuSnapshot {
  const per = (key: keyof CpuSnapshot): number => Math.round((after[key] - before[key]) / Math.max(1, requests));
  return { server: per('server'), postgres: per('postgres'), redis: per('redis'), load: per('load') };
}
