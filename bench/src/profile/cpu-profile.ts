import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

/** The parts of a V8 `.cpuprofile` this summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

const TOP = 20;

function location(url: string, line: number): string {
  const path = url.replace(/^file:\/\//, '');
  const index = path.search(/\/(node_modules|dist)\//);
  return `${index >= 0 ? path.slice(index + 1) : path}:${line + 1}`;
}

// The largest entries of a time tally, one text line each: share of the total, milliseconds, name.
function largest(tally: Map<string, number>, top: number): string[] {
  const totalUs = [...tally.values()].reduce((sum, us) => sum + us, 0);
  return [...tally.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(
      ([name, us]) =>
        `${((us * 100) / totalUs).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    );
}

/** The functions with the most self time in one profile, as text lines with their share of samples. */
export function topSelfTime(profile: CpuProfile, top = TOP): string[] {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const selfUs = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const frame = frames.get(id);
    const delta = profile.timeDeltas[index] ?? 0;
    if (frame === undefined) return;
    const name =
      `${frame.functionName || '(anonymous)'} ${frame.url === '' ? '' : location(frame.url, frame.lineNumber)}`.trim();
    selfUs.set(name, (selfUs.get(name) ?? 0) + delta);
  });
  return largest(selfUs, top);
}

// What a frame belongs to: an npm package, a folder of this repository (apps/node/src/inbox,
// libs/trust), or a V8/Node pseudo-frame ("(garbage collector)"); undefined for Node internals and
// native functions, whose time goes to the nearest caller that has an owner.
function ownerOf(frame: CallFrame): string | undefined {
  if (frame.url === '')
    return /^\((garbage collector|program)\)$/.test(frame.functionName) ? frame.functionName : undefined;
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg) return pkg[1];
  const own = /dist\/(apps\/[^/]+\/src\/[^/]+|libs\/[^/]+)\//.exec(frame.url);
  return own ? own[1] : undefined;
}

/**
 * Busy time after start-up by owner (package or source folder), each sample charged to the innermost
 * frame that has one: where a process spends its time handling messages, including the native calls
 * (socket writes, crypto) made on a package's behalf. Samples under module loading are start-up.
 */
export function shareByOwner(profile: CpuProfile, top = TOP): string[] {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const byOwner = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    if (nodes.get(id)?.callFrame.functionName === '(idle)') return;
    let owner: string | undefined;
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const frame = nodes.get(at)!.callFrame;
      if (/^node:internal\/modules\//.test(frame.url)) return;
      owner ??= ownerOf(frame);
    }
    const key = owner ?? '(node internals)';
    byOwner.set(key, (byOwner.get(key) ?? 0) + delta);
  });
  return largest(byOwner, top);
}

/** Summaries of every `.cpuprofile` in `dir`. */
export async function summariseProfiles(dir: string): Promise<string> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.cpuprofile'));
  const parts = await Promise.all(
    files.map(async (file) => {
      const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
      return (
        `\nprofile ${file}: top self time\n${topSelfTime(profile).join('\n')}\n` +
        `\nprofile ${file}: busy time after start-up by package or source folder\n${shareByOwner(profile).join('\n')}\n`
      );
    }),
  );
  return parts.length === 0 ? `\nno .cpuprofile in ${dir}\n` : parts.join('');
}
