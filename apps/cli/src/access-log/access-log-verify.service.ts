import {
  AccessChainVerifier,
  isUserPublicKey,
  verifyAccessHead,
  type AccessChainBreak,
  type AccessChainSummary,
  type SignedAccessHead,
} from '#trust';
import { UsageError } from '../cli.errors.js';
import { readAccessLogFile } from './access-log-file.js';
import { AccessLogBrokenError } from './access-log.errors.js';

/** What an export is checked against. */
export interface AccessLogVerifyOptions {
  /** The node's public nkey (`U…`): the head must be signed with it. */
  key?: string;
  /** An earlier export of the same node's log, whose head the log must still hold. */
  earlier?: string;
}

const broken = (fault: AccessChainBreak) =>
  new AccessLogBrokenError(
    `access log broken at entry ${fault.sequence} (${fault.problem}): ${fault.detail}`,
  );

/** The signed head that ends an export file. Throws AccessLogBrokenError when there is none. */
async function headOf(file: string): Promise<SignedAccessHead> {
  let head: SignedAccessHead | undefined;
  for await (const { line } of readAccessLogFile(file)) if (line.type === 'head') head = line;
  if (head === undefined) throw new AccessLogBrokenError(`${file} ends without the node's signed head`);
  return head;
}

function report(
  head: SignedAccessHead,
  summary: AccessChainSummary,
  options: AccessLogVerifyOptions,
  earlier?: SignedAccessHead,
): string {
  const range = summary.entries === 0 ? 'empty' : `entries 1 to ${summary.entries}`;
  const actions = Object.entries(summary.actions)
    .map(([action, count]) => `${action} ${count}`)
    .join(', ');
  const lines = [
    `access log OK: ${summary.entries} entries of ${head.node} (${range}), head signed by ${head.key} at ${head.at}`,
    ...(actions === '' ? [] : [`  ${actions}`]),
    options.key === undefined
      ? '  the signing key was not checked against the node’s: pass --key to prove whose log this is'
      : '  signed with the node key given',
    earlier === undefined
      ? '  a cut tail shows only against an earlier export: keep this one and pass it as --earlier next time'
      : `  still holds entry ${earlier.sequence} as the earlier export of ${earlier.at} saw it`,
  ];
  return lines.map((line) => `${line}\n`).join('');
}

/**
 * Verifies an export written by `access-log export`: every entry in order from 1, each hash over its
 * content and the previous hash, the head signed (by `key`, when given) naming the last entry; given
 * an earlier export, that its head is still an entry of this log, with the same hash. Returns the
 * report; throws AccessLogBrokenError naming the first entry at fault, UsageError for an argument.
 */
export async function verifyAccessLogFile(file: string, options: AccessLogVerifyOptions): Promise<string> {
  if (options.key !== undefined && !isUserPublicKey(options.key))
    throw new UsageError(`--key ${options.key} is not a node public key (U…)`);
  const keys = options.key === undefined ? undefined : [options.key];
  let earlier: SignedAccessHead | undefined;
  if (options.earlier !== undefined) {
    earlier = await headOf(options.earlier);
    const verification = verifyAccessHead(earlier, keys ?? [earlier.key]);
    if (!verification.ok)
      throw new AccessLogBrokenError(
        `the head of ${options.earlier} is not signed as it says: ${verification.reason}`,
      );
  }
  const verifier = new AccessChainVerifier({
    ...(keys === undefined ? {} : { keys }),
    ...(earlier === undefined ? {} : { earlier: { sequence: earlier.sequence, hash: earlier.hash } }),
  });
  let head: SignedAccessHead | undefined;
  for await (const { number, line } of readAccessLogFile(file)) {
    if (head !== undefined) throw new AccessLogBrokenError(`${file}:${number} follows the signed head`);
    if (line.type === 'head') {
      head = line;
      continue;
    }
    const fault = verifier.check(line);
    if (fault) throw broken(fault);
  }
  if (head === undefined) throw new AccessLogBrokenError(`${file} ends without the node's signed head`);
  if (earlier !== undefined && earlier.node !== head.node)
    throw new UsageError(`${options.earlier} is an export of ${earlier.node}, ${file} of ${head.node}`);
  const fault = verifier.finish(head);
  if (fault) throw broken(fault);
  return report(head, verifier.summary(), options, earlier);
}
