import type { CheckpointRecord, StatementRecord, WitnessRecords } from '#trust';
import { WitnessUnavailableError } from './audit.errors.js';

const TIMEOUT_MS = 10_000;
const MAX_PAGES = 1_000;

function isRecords(value: unknown): value is WitnessRecords {
  if (typeof value !== 'object' || value === null) return false;
  const { node, checkpoints, statements, next } = value as Record<string, unknown>;
  return (
    typeof node === 'string' &&
    Array.isArray(checkpoints) &&
    Array.isArray(statements) &&
    (next === undefined || typeof next === 'string')
  );
}

/**
 * Reads what one node witnessed of the audit chain from its `GET /v1/audit/witness`, every page of
 * it. The records need no trust in the node: each is checked against the registry's hub keys.
 * Throws WitnessUnavailableError when the node does not answer as a node does.
 */
export async function readWitness(url: string): Promise<WitnessRecords> {
  const base = url.replace(/\/+$/, '');
  const statements: StatementRecord[] = [];
  let checkpoints: CheckpointRecord[] = [];
  let node = '';
  let since: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = since === undefined ? '' : `?since=${encodeURIComponent(since)}`;
    let body: unknown;
    try {
      const response = await fetch(`${base}/v1/audit/witness${query}`, {
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      body = await response.json();
    } catch (error) {
      throw new WitnessUnavailableError(`cannot read the witness of ${url}: ${String(error)}`, {
        cause: error,
      });
    }
    if (!isRecords(body)) throw new WitnessUnavailableError(`${url} did not answer with a node's witness`);
    node = body.node;
    checkpoints = body.checkpoints;
    statements.push(...body.statements);
    if (body.next === undefined) return { node, checkpoints, statements };
    since = body.next;
  }
  throw new WitnessUnavailableError(`${url} gave more than ${MAX_PAGES} pages of witness`);
}
