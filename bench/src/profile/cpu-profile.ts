import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The parts of a V8 `.cpuprofile` this summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

const TOP = 20;

function location(url: string, line: number): string {
  const path = url.replace(/^file:\/\//, '');
  const index = path.search(/\/(node_modules|dist)\//);
  return `${index >= 0 ? path.slice(index + 1) : path}:${line + 1}`;
}

/** The functions with the most self time in one profile, as text lines with their share of samples. */
export function topSelfTime(profile: CpuProfile, top = TOP): string[] {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const selfUs = new Map<string, number>();
  let totalUs = 0;
  profile.samples.forEach((id, index) => {
    const frame = frames.get(id);
    const delta = profile.timeDeltas[index] ?? 0;
    if (frame === undefined) return;
    const name =
      `${frame.functionName || '(anonymous)'} ${frame.url === '' ? '' : location(frame.url, frame.lineNumber)}`.trim();
    selfUs.set(name, (selfUs.get(name) ?? 0) + delta);
    totalUs += delta;
  });
  return [...selfUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(
      ([name, us]) =>
        `${((us * 100) / totalUs).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    );
}

/** Summaries of every `.cpuprofile` in `dir`. */
export async function summariseProfiles(dir: string): Promise<string> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.cpuprofile'));
  const parts = await Promise.all(
    files.map(async (file) => {
      const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
      return `\nprofile ${file}: top self time\n${topSelfTime(profile).join('\n')}\n`;
    }),
  );
  return parts.length === 0 ? `\nno .cpuprofile in ${dir}\n` : parts.join('');
}
