import { readFile } from 'node:fs/promises';

/** Resident memory of one process, in MiB: now (VmRSS) and its peak so far (VmHWM). */
export interface ProcessMemory {
  rssMb: number;
  peakRssMb: number;
}

const KIB_PER_MIB = 1024;

function field(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  if (match === null) throw new Error(`/proc status has no ${name}`);
  return Number(match[1]) / KIB_PER_MIB;
}

/** Reads /proc/<pid>/status (Linux), which the kernel keeps current, so sampling costs no signal. */
export async function processMemory(pid: number): Promise<ProcessMemory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return { rssMb: field(status, 'VmRSS'), peakRssMb: field(status, 'VmHWM') };
}

/** Samples a process's VmRSS on an interval and keeps the largest value seen. */
export class RssSampler {
  private maxMb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 200,
  ) {
    this.timer = setInterval(() => void this.sample(), intervalMs);
  }

  /** Stops sampling and returns the largest VmRSS seen, including one last sample. */
  async stop(): Promise<number> {
    clearInterval(this.timer);
    await this.sample();
    return this.maxMb;
  }

  private async sample(): Promise<void> {
    try {
      this.maxMb = Math.max(this.maxMb, (await processMemory(this.pid)).rssMb);
    } catch {
      // The process exited between two samples: the maximum so far stands.
    }
  }
}
