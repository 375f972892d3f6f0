import type { CheckpointRecord, StatementRecord, WitnessRecords } from '#trust';
import { getNodeJson, nodeBase, readApiKeyFile } from '../node-source.js';
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
 * Where a node's witness is and how to get in: `<url>` or `<url>,<key file>`, the file holding an API
 * key of that node with the `monitor` (or `administrator`) role and TLP:RED clearance. The key stays
 * in a file so that it never shows in a process list.
 */
async function witnessAccess(witness: string): Promise<{ base: string; key?: string }> {
  const comma = witness.indexOf(',');
  const url = comma < 0 ? witness : witness.slice(0, comma);
  const base = nodeBase(url);
  if (comma < 0) return { base };
  const keyFile = witness.slice(comma + 1);
  try {
    return { base, key: await readApiKeyFile(keyFile) };
  } catch (error) {
    throw new WitnessUnavailableError(`cannot read the API key for ${url} from ${keyFile}`, { cause: error });
  }
}

/**
 * Reads what one node witnessed of the audit chain from its `GET /v1/audit/witness`, every page of
 * it, with the API key `witness` names (see {@link witnessAccess}). The records need no trust in the
 * node: each is checked against the registry's hub keys.
 * Throws WitnessUnavailableError when the node does not answer as a node does.
 */
export async function readWitness(witness: string): Promise<WitnessRecords> {
  const { base, key } = await witnessAccess(witness);
  const url = base;
  const statements: StatementRecord[] = [];
  let checkpoints: CheckpointRecord[] = [];
  let node = '';
  let since: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = since === undefined ? '' : `?since=${encodeURIComponent(since)}`;
    let body: unknown;
    try {
      body = await getNodeJson(`${base}/v1/audit/witness${query}`, key, TIMEOUT_MS);
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
