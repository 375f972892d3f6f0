import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CAP_MEDIA_TYPE, declaredEncoding } from '#cap';
import { UsageError } from '../cli.errors.js';

/** The node to post to: its base URL and an API key with the author role. */
export interface NodeTarget {
  url: string;
  apiKey: string;
}

/** What became of one file: the alert's id, or why the node (or the file system) refused it. */
export type ImportOutcome = { file: string; id: string } | { file: string; refusal: string };

/** The local stack's `stack.json`, as far as this reads it. */
interface StackFile {
  nodes?: { id: string; url: string; apiKey: string }[];
}

/**
 * The node named `node` (the first when none is named) of the local stack's `stack.json`, when the
 * file exists; undefined otherwise.
 * @throws UsageError when the file names no such node.
 */
export async function stackNode(
  stackFile: string,
  node: string | undefined,
): Promise<NodeTarget | undefined> {
  let text: string;
  try {
    text = await readFile(stackFile, 'utf8');
  } catch {
    return undefined;
  }
  const nodes = (JSON.parse(text) as StackFile).nodes ?? [];
  const found = node === undefined ? nodes[0] : nodes.find((entry) => entry.id === node);
  if (found === undefined) throw new UsageError(`${stackFile} lists no node ${node ?? ''}`.trim());
  return { url: found.url, apiKey: found.apiKey };
}

interface Refusal {
  error?: string;
  detail?: string;
  reason?: string;
  violations?: { field: string; reason: string }[];
}

/** One line for a refusal: each violation as `field: reason`, else the error's own words. */
function describe(status: number, body: Refusal): string {
  if (body.violations !== undefined && body.violations.length > 0) {
    return body.violations.map((v) => `${v.field}: ${v.reason}`).join('; ');
  }
  return `${status} ${body.error ?? ''}${(body.detail ?? body.reason) ? `: ${body.detail ?? body.reason}` : ''}`.trim();
}

/**
 * Posts each file to the node as a CAP 1.2 document (`POST /v1/alerts`), one after the other, and
 * says what became of each; a file that cannot be read is a refusal like any other.
 */
export async function importCapFiles(
  files: readonly string[],
  target: NodeTarget,
  regions: readonly string[],
): Promise<ImportOutcome[]> {
  const query = regions.length === 0 ? '' : `?regions=${encodeURIComponent(regions.join(','))}`;
  const outcomes: ImportOutcome[] = [];
  for (const file of files) {
    let xml: Buffer;
    try {
      xml = await readFile(file);
    } catch (error) {
      outcomes.push({
        file,
        refusal: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      });
      continue;
    }
    // The bytes go as they are, in the encoding their XML declaration names (UTF-8 when none).
    const charset = declaredEncoding(xml.subarray(0, 200).toString('latin1')) ?? 'utf-8';
    const response = await fetch(`${target.url}/v1/alerts${query}`, {
      method: 'POST',
      headers: {
        'content-type': `${CAP_MEDIA_TYPE}; charset=${charset}`,
        authorization: `Bearer ${target.apiKey}`,
      },
      body: xml,
    });
    const body = (await response.json().catch(() => ({}))) as Refusal & { id?: string };
    outcomes.push(
      response.status === 202 && body.id !== undefined
        ? { file, id: body.id }
        : { file, refusal: describe(response.status, body) },
    );
  }
  return outcomes;
}

/** `alert.xml: accepted cap-…` or `alert.xml: refused: document: line 3: …`, one line a file. */
export function outcomeLine(outcome: ImportOutcome): string {
  const name = basename(outcome.file);
  return 'id' in outcome ? `${name}: accepted ${outcome.id}` : `${name}: refused: ${outcome.refusal}`;
}
