import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Violation } from '#contracts';
import { validateXML } from 'xmllint-wasm';

const SCHEMA_FILE = join('libs', 'cap', 'schema', 'CAP-v1.2.xsd');

/** The shipped schema, found from this module up: the source tree, tsc's dist/ or an app's bundle. */
function schemaPath(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, SCHEMA_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`${SCHEMA_FILE} is missing above ${import.meta.dirname}`);
  }
}

let schema: string | undefined;

function capSchema(): string {
  if (schema === undefined) {
    schema = readFileSync(schemaPath(), 'utf8');
  }
  return schema;
}

// The schema's own namespace, left out of its reasons: every element of a CAP document is in it.
const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

/** The field a refusal of the whole document names: the schema speaks of lines, not of fields. */
export const DOCUMENT_FIELD = 'document';

// A CAP document needs no DTD; one could declare entities that expand without bound.
const DOCTYPE = /<!DOCTYPE/i;

/**
 * Checks a document against the OASIS CAP 1.2 schema (libxml2, in WebAssembly). Returns one
 * violation for each of the schema's complaints, its reason as libxml2 words it, with the line; none
 * when the document is a valid CAP 1.2 alert.
 */
export async function checkCapSchema(xml: string): Promise<Violation[]> {
  if (DOCTYPE.test(xml)) return [{ field: DOCUMENT_FIELD, reason: 'must not declare a document type (DTD)' }];
  const result = await validateXML({
    xml: [{ fileName: 'alert.xml', contents: xml }],
    schema: [{ fileName: 'CAP-v1.2.xsd', contents: capSchema() }],
  });
  if (result.valid) return [];
  const reasons = result.errors.map(({ message, loc }) => {
    const line = loc === null ? '' : `line ${loc.lineNumber}: `;
    const words = message.replace(/^Schemas validity error : /, '').replaceAll(`{${CAP_NAMESPACE}}`, '');
    return `${line}${words}`;
  });
  // libxml2 ends with a summary ("fails to validate") when it has said why; keep its reasons.
  const said = reasons.filter((reason) => !/fails to validate$/.test(reason));
  return (said.length > 0 ? said : reasons).map((reason) => ({ field: DOCUMENT_FIELD, reason }));
}
