import {
  HEADER_CORRELATION,
  HEADER_HANDLING,
  HEADER_ID,
  HEADER_KEY,
  HEADER_SENDER,
  HEADER_SENT,
  HEADER_SIGNATURE,
  HEADER_TYPE,
  LIMITS,
  RejectionReason,
  encodeMessage,
} from '#contracts';
import { sealHeaders } from '#trust';
import fc from 'fast-check';
import { createTestParties, sealNodeMessage, testAlert } from '../../test/hub.fixtures.js';
import { testIngress } from '../../test/ingress.fixtures.js';
import { type IngressDecision, type IngressEnvelope } from './ingress.service.js';

// 2,000 arbitrary envelopes + 1,500 signed arbitrary bodies + 1,000 mutated genuine messages = 4,500 inputs.
const RUNS = { arbitrary: 2_000, signedBodies: 1_500, mutated: 1_000 };
// A decision is pure computation here (no I/O): anything near this long is a hang.
const DECISION_TIMEOUT_MS = 1_000;

const parties = createTestParties();
const { ingress } = testIngress(parties);
const REASONS: ReadonlySet<RejectionReason> = new Set(
  Object.values(RejectionReason).filter(
    (value): value is RejectionReason => typeof value === 'number' && value !== RejectionReason.UNSPECIFIED,
  ),
);
let sequence = 0;

/** Fails unless the decision is a routed message or a refusal with a real, typed reason. */
function expectTyped(decision: IngressDecision): void {
  if (decision.outcome === 'routed') {
    expect(decision.routed.recipients.length).toBeGreaterThanOrEqual(0);
    return;
  }
  if (decision.outcome === 'dropped') {
    expect(decision.dropped.missing.length).toBeGreaterThan(0);
    return;
  }
  const { reason, detail, violations } = decision.refused;
  if (!REASONS.has(reason) || typeof detail !== 'string' || !Array.isArray(violations)) {
    throw new Error(`untyped refusal: ${JSON.stringify({ reason, detail })}`);
  }
}

async function decideWithin(envelope: Omit<IngressEnvelope, 'sequence'>): Promise<IngressDecision> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('decide() did not finish')), DECISION_TIMEOUT_MS);
  });
  try {
    return await Promise.race([ingress.decide({ ...envelope, sequence: ++sequence }), hang]);
  } finally {
    clearTimeout(timer);
  }
}

const NODES = ['kz-border', 'tj-border', 'hub', 'ghost', '__proto__', 'constructor', ''];
const KINDS = ['alert', 'notice', 'reply', 'receipt', 'rejection', 'routing', 'bogus', '*', '>'];
const token = fc.oneof(fc.constantFrom(...NODES, ...KINDS), fc.string({ maxLength: 12 }));
const subject = fc.oneof(
  fc
    .tuple(fc.constantFrom(...NODES), fc.constantFrom(...KINDS))
    .map(([node, kind]) => `bl.in.${node}.${kind}`),
  fc.array(token, { maxLength: 6 }).map((tokens) => ['bl', 'in', ...tokens].join('.')),
  fc.string({ maxLength: 40 }),
);
const HEADER_NAMES = [
  HEADER_ID,
  HEADER_TYPE,
  HEADER_SENDER,
  HEADER_SENT,
  HEADER_HANDLING,
  HEADER_CORRELATION,
  HEADER_KEY,
  HEADER_SIGNATURE,
];
const headerValue = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc.constantFrom(
    'kz-border',
    'alert',
    'TLP:AMBER;H1',
    new Date().toISOString(),
    parties.signer('kz-border').publicKey,
  ),
  fc.uuid(),
  fc.stringMatching(/^[A-Za-z0-9_-]{86}$/),
);
const headers = fc.dictionary(
  fc.oneof(fc.constantFrom(...HEADER_NAMES), fc.string({ maxLength: 10 })),
  headerValue,
  {
    maxKeys: 10,
  },
);
const body = fc.oneof(
  fc.uint8Array({ maxLength: 512 }),
  fc.constant(encodeMessage('alert', testAlert('kz-border'))),
  fc.constant(new Uint8Array(LIMITS.maxBodyBytes + 1)),
);

describe('IngressService.decide over arbitrary input', () => {
  it('decides arbitrary subjects, headers and bodies without throwing or hanging, every refusal typed', async () => {
    await fc.assert(
      fc.asyncProperty(
        subject,
        headers,
        fc.array(fc.constantFrom(...HEADER_NAMES), { maxLength: 2 }),
        body,
        async (subjectText, headerMap, repeated, bytes) => {
          expectTyped(
            await decideWithin({
              subject: subjectText,
              headers: headerMap,
              body: bytes,
              repeatedHeaders: repeated,
            }),
          );
        },
      ),
      { numRuns: RUNS.arbitrary },
    );
  });

  it('decides correctly signed arbitrary bodies (past the signature check) with typed outcomes', async () => {
    const signer = parties.signer('kz-border');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 1_024 }), fc.uuid({ version: 7 }), async (bytes, id) => {
        const fields = {
          id,
          type: 'alert',
          sender: 'kz-border',
          sent: new Date().toISOString(),
          handling: '',
          correlation: '',
        };
        const decision = await decideWithin({
          subject: 'bl.in.kz-border.alert',
          headers: sealHeaders(signer, fields, bytes),
          body: bytes,
        });
        expectTyped(decision);
      }),
      { numRuns: RUNS.signedBodies },
    );
  });

  it('refuses a genuine message with any one header changed, typed', async () => {
    const genuine = sealNodeMessage('alert', testAlert('kz-border'), parties.signer('kz-border'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...HEADER_NAMES), headerValue, async (name, value) => {
        fc.pre(genuine.headers[name] !== value);
        const decision = await decideWithin({
          subject: genuine.subject,
          headers: { ...genuine.headers, [name]: value },
          body: genuine.body,
        });
        expectTyped(decision);
        // Bl-Key is only a hint (naming the signing key again is harmless); any other change is refused.
        if (name !== HEADER_KEY) expect(decision.outcome).toBe('refused');
      }),
      { numRuns: RUNS.mutated },
    );
  });
});
