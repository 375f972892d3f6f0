import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchNats } from '../measure/private-servers.js';

const run = promisify(execFile);

/** The community transport's rate, or why it was not measured. */
export type CommunityResult = { eventsPerS: number } | { notMeasured: string };

/**
 * B1 through `@nestjs-plugins/nestjs-nats-jetstream-transport`, in a child process: it needs NestJS 11
 * (CommonJS) and the nats v2 client, so it lives in `bench/community` with its own install
 * (`npm run bench` installs it; `npm ci --prefix bench/community` on its own).
 */
export async function measureCommunityTransport(
  root: string,
  nats: BenchNats,
  count: number,
  timeoutMs: number,
): Promise<CommunityResult> {
  const dir = join(root, 'bench', 'community');
  if (!existsSync(join(dir, 'node_modules', '@nestjs-plugins'))) {
    return { notMeasured: 'not installed: npm ci --prefix bench/community' };
  }
  try {
    const script = join(dir, 'b1-community.cjs');
    const { stdout } = await run(process.execPath, [script, nats.url, String(count), nats.caFile], {
      timeout: timeoutMs,
    });
    const line = stdout.trim().split('\n').at(-1) ?? '';
    const { events_per_s: eventsPerS } = JSON.parse(line) as { events_per_s: number };
    return { eventsPerS };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { notMeasured: `failed: ${reason}` };
  }
}
