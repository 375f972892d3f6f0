import { getNodeJson, nodeBase, readApiKeyFile } from '#operations';
import type { AccessLogExport } from '#trust';
import { UsageError } from '../cli.errors.js';
import { AccessLogUnavailableError } from './access-log.errors.js';

const TIMEOUT_MS = 30_000;

/**
 * Where a node's access log is: its base URL, and the file of an API key of that node with the
 * monitor or administrator role and TLP:RED clearance.
 */
export interface AccessLogSource {
  node: string;
  apiKeyFile: string;
}

function isExport(value: unknown): value is AccessLogExport {
  if (typeof value !== 'object' || value === null) return false;
  const { node, entries, head, next } = value as Record<string, unknown>;
  return (
    typeof node === 'string' &&
    Array.isArray(entries) &&
    typeof head === 'object' &&
    head !== null &&
    (next === undefined || typeof next === 'number')
  );
}

/**
 * Every page of a node's `GET /v1/access-log` from the first entry on, each with the head the node
 * signed when it read it; the last page's head names the last entry read. Nothing here is trusted: `access-log verify` checks it.
 * Throws UsageError when the key file cannot be read, AccessLogUnavailableError when the node does
 * not answer as a node does.
 */
export async function* readAccessLogPages(source: AccessLogSource): AsyncGenerator<AccessLogExport> {
  let key: string;
  try {
    key = await readApiKeyFile(source.apiKeyFile);
  } catch (error) {
    throw new UsageError(`cannot read the API key from ${source.apiKeyFile}`, { cause: error });
  }
  const base = nodeBase(source.node);
  let after = 0;
  for (;;) {
    let body: unknown;
    try {
      body = await getNodeJson(`${base}/v1/access-log?after=${after}`, key, TIMEOUT_MS);
    } catch (error) {
      throw new AccessLogUnavailableError(`cannot read the access log of ${base}: ${String(error)}`, {
        cause: error,
      });
    }
    if (!isExport(body)) throw new AccessLogUnavailableError(`${base} did not answer with an access log`);
    yield body;
    if (body.next === undefined) return;
    if (!(body.next > after)) throw new AccessLogUnavailableError(`${base} pages its access log backwards`);
    after = body.next;
  }
}
