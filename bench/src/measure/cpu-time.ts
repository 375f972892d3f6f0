import { readdir, readFile } from 'node:fs/promises';

// Linux reports CPU time in clock ticks; USER_HZ is 100 on every mainstream kernel build.
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export async function processCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** CPU seconds all cores of the machine spent busy (everything but idle and iowait), from /proc/stat. */
export async function machineBusySeconds(): Promise<number> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n', 1)[0]!;
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return (ticks.reduce((sum, value) => sum + value, 0) - idle) / TICKS_PER_SECOND;
}

/** CPU seconds used between two points by some processes and by the whole machine. */
export class CpuAccount {
  private constructor(
    private readonly pids: ReadonlyMap<string, number[]>,
    private readonly start: Map<string, number>,
    private readonly machineStart: number,
  ) {}

  /** Starts counting for groups of processes, e.g. `{ hub: [pid], nodes: [pid, …] }`. */
  static async begin(groups: Record<string, number[]>): Promise<CpuAccount> {
    const pids = new Map(Object.entries(groups));
    return new CpuAccount(pids, await CpuAccount.read(pids), await machineBusySeconds());
  }

  /** CPU seconds per group since `begin`, plus `machine` (all cores) and `other` (machine minus the groups). */
  async end(): Promise<Record<string, number>> {
    const now = await CpuAccount.read(this.pids);
    const used: Record<string, number> = {};
    let groups = 0;
    for (const [name, seconds] of now) {
      used[name] = seconds - (this.start.get(name) ?? 0);
      groups += used[name];
    }
    used.machine = (await machineBusySeconds()) - this.machineStart;
    used.other = used.machine - groups;
    return used;
  }

  private static async read(pids: ReadonlyMap<string, number[]>): Promise<Map<string, number>> {
    const totals = new Map<string, number>();
    for (const [name, list] of pids) {
      const seconds = await Promise.all(list.map((pid) => processCpuSeconds(pid).catch(() => 0)));
      totals.set(
        name,
        seconds.reduce((sum, value) => sum + value, 0),
      );
    }
    return totals;
  }
}

/**
 * The pid of the server process listening on `url`'s port, found by its command line: #process
 * passes the port as `-p <port>` to nats-server; redis-server retitles itself `redis-server <host>:<port>`.
 */
export async function serverPid(
  binary: 'nats-server' | 'redis-server',
  url: string,
): Promise<number | undefined> {
  const port = new URL(url).port;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split(/[\0 ]/);
    if (!(args[0] ?? '').endsWith(binary)) continue;
    const flag = args.findIndex((arg) => arg === '-p' || arg === '--port');
    if ((flag >= 0 && args[flag + 1] === port) || args.some((arg) => arg.endsWith(`:${port}`)))
      return Number(entry);
  }
  return undefined;
}
