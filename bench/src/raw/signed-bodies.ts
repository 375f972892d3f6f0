import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { generateNodeKey, NodeSigner, SignatureVerifier } from '#trust';
import { round } from '../measure/stats.js';
import type { Figures } from '../report.js';

/** Who signs a raw message: the origin, and the hub with its statement (docs/protocol.md §5 and §5.1). */
export type RawSigner = 'origin' | 'hub';

// Every key is valid at all times, so any canonical time does for the key windows.
const AT = '2026-01-01T00:00:00.000Z';

const headerOf = (signer: RawSigner) => `Bench-${signer}-Signature`;

/**
 * The least a verified delivery costs on top of a raw message, for the raw baselines that carry it:
 * an Ed25519 signature per signer on every message, made and checked with Borderlink's own signer and
 * verifier (its key search, on libuv's thread pool as a node verifies a pulled batch). Each signs the
 * body alone: the envelope's signed bytes add about a hundred bytes to hash.
 */
export class SignedBodies {
  private readonly signers: ReadonlyMap<RawSigner, NodeSigner>;
  private readonly verifier: SignatureVerifier;
  /** The signers' initials, which set the streams of differently signed baselines apart. */
  readonly tag: string;

  constructor(signers: readonly RawSigner[]) {
    this.tag = signers.map((signer) => signer[0]).join('');
    this.signers = new Map(signers.map((signer) => [signer, NodeSigner.fromSeed(generateNodeKey().seed)]));
    this.verifier = new SignatureVerifier((node) => {
      const signer = this.signers.get(node as RawSigner);
      return signer === undefined ? [] : [signer.publicKey];
    });
  }

  /** The headers that carry the body's signatures. */
  sign(body: Uint8Array): MsgHdrs {
    const headers = natsHeaders();
    for (const [signer, key] of this.signers) headers.set(headerOf(signer), key.signData(body));
    return headers;
  }

  /** Checks every signature, all at once on the thread pool; throws when one does not verify. */
  async verify(headers: MsgHdrs | undefined, body: Uint8Array): Promise<void> {
    const verdicts = await Promise.all(
      [...this.signers.keys()].map((signer) =>
        this.verifier.verifyDataOffThread(signer, AT, body, headers?.get(headerOf(signer))),
      ),
    );
    const refused = verdicts.find((verdict) => !verdict.ok);
    if (refused !== undefined) throw new Error(`a raw message did not verify: ${JSON.stringify(refused)}`);
  }
}

/** One raw measurement three ways: bare, with the origin's signature, with the origin's and the hub statement's. */
export interface SignedRuns<T> {
  raw: T;
  origin: T;
  both: T;
}

/** Runs `measure` bare, then with both signatures, then with the origin's alone. */
export async function runSigned<T>(measure: (signed?: SignedBodies) => Promise<T>): Promise<SignedRuns<T>> {
  const raw = await measure();
  const both = await measure(new SignedBodies(['origin', 'hub']));
  const origin = await measure(new SignedBodies(['origin']));
  return { raw, origin, both };
}

/**
 * A scenario's baseline figures of signed rates: the bare one as `rawName`, the signed ones as
 * `raw_verified_<unit>` and `raw_origin_verified_<unit>`, each with its ratio to the bare one.
 */
export function signedRateFigures(rates: SignedRuns<number>, rawName: string, unit: string): Figures {
  return {
    [rawName]: rates.raw,
    [`raw_verified_${unit}`]: rates.both,
    verified_over_raw: round(rates.both / rates.raw),
    [`raw_origin_verified_${unit}`]: rates.origin,
    origin_verified_over_raw: round(rates.origin / rates.raw),
  };
}
