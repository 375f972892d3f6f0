import {
  checkDeadLetter,
  type ConsumerState,
  type DeadLetterEvidence,
  type DeadLetterVerdict,
} from './dead-letter-check.js';
import {
  matchesFilter,
  replayMsgId,
  type DeadLetterFilter,
  type DeadLetterRecord,
} from './dead-letter-record.js';
import type { DeadLetterDecisions } from './dead-letter-decisions.js';
import { DeadLetterStreamRepository, type DeadLetterSource } from './dead-letter-stream.repository.js';
import { DeadLetterNotFoundError, DeadLetterNotReplayableError } from './dead-letters.errors.js';

/** A record with the verdict of checking it against the server (dead-letter-check.ts). */
export type CheckedDeadLetter = DeadLetterRecord & { verdict: DeadLetterVerdict };

/** What replaying one record did. */
export interface ReplayOutcome {
  record: CheckedDeadLetter;
  /** Where the original went again: its subject as its stream holds it. */
  subject: string;
  /** Where the message was stored again: its original stream, at this sequence. */
  storedSeq: number;
  /** True when an earlier, interrupted replay of this record had already stored it. */
  alreadyStored: boolean;
}

/**
 * What `replay --all` did: the records replayed; those that repeat a message replayed in the same run
 * (removed, as it went out once); and those that do not hold up, left in place.
 */
export interface ReplayAllOutcome {
  replayed: ReplayOutcome[];
  repeated: CheckedDeadLetter[];
  skipped: CheckedDeadLetter[];
}

// The headers a replay must not carry: the server acts on `Nats-*` when it stores a message.
const SERVER_HEADER_PREFIX = 'nats-';

async function withRepository<T>(
  source: DeadLetterSource,
  work: (repository: DeadLetterStreamRepository) => Promise<T>,
): Promise<T> {
  const repository = await DeadLetterStreamRepository.open(source);
  try {
    return await work(repository);
  } finally {
    await repository.close();
  }
}

async function checked(evidence: DeadLetterEvidence, record: DeadLetterRecord): Promise<CheckedDeadLetter> {
  return { ...record, verdict: await checkDeadLetter(record, evidence) };
}

/** `evidence` asking the server once per consumer, for a run over many records of few consumers. */
function askingOncePerConsumer(evidence: DeadLetterEvidence): DeadLetterEvidence {
  const consumers = new Map<string, Promise<ConsumerState | undefined>>();
  return {
    consumer(stream, name) {
      const key = `${stream}/${name}`;
      let state = consumers.get(key);
      if (state === undefined) consumers.set(key, (state = evidence.consumer(stream, name)));
      return state;
    },
    message: (stream, sequence) => evidence.message(stream, sequence),
  };
}

async function found(repository: DeadLetterStreamRepository, seq: number): Promise<CheckedDeadLetter> {
  const record = await repository.get(seq);
  if (record === undefined) throw new DeadLetterNotFoundError(repository.stream, seq);
  return checked(repository, record);
}

async function matching(
  repository: DeadLetterStreamRepository,
  filter: DeadLetterFilter,
): Promise<CheckedDeadLetter[]> {
  const records = (await repository.list()).filter((record) => matchesFilter(record, filter));
  const evidence = askingOncePerConsumer(repository);
  const result: CheckedDeadLetter[] = [];
  for (const record of records) result.push(await checked(evidence, record));
  return result;
}

// The message the server holds, never what the record says, goes out again, into the stream and onto
// the subject it came from, which only the consumer that gave up on it reads. Publish first, delete
// second: a crash in between leaves the record, and replaying it again is stored once (same replay
// id), so the message is neither lost nor doubled. A decision to record is recorded before either.
async function replayRecord(
  repository: DeadLetterStreamRepository,
  record: CheckedDeadLetter,
  decisions: DeadLetterDecisions | undefined,
): Promise<ReplayOutcome> {
  const { verdict } = record;
  if (!verdict.verified) throw new DeadLetterNotReplayableError(record.seq, verdict.problem);
  await decisions?.record('replay', record);
  const { subject, headers, body } = verdict.original;
  const ack = await repository.republish({
    subject,
    headers: Object.fromEntries(
      Object.entries(headers).filter(([name]) => !name.toLowerCase().startsWith(SERVER_HEADER_PREFIX)),
    ),
    body,
    msgId: replayMsgId(record),
    expectedStream: verdict.stream,
  });
  await repository.remove(record.seq);
  return { record, subject, storedSeq: ack.seq, alreadyStored: ack.duplicate };
}

/** The records filed for the stream and consumer of `filter` (by their subject), oldest first, checked. */
export function listDeadLetters(
  source: DeadLetterSource,
  filter: DeadLetterFilter = {},
): Promise<CheckedDeadLetter[]> {
  return withRepository(source, (repository) => matching(repository, filter));
}

/**
 * The record at `seq`, checked.
 * @throws DeadLetterNotFoundError when there is none.
 */
export function showDeadLetter(source: DeadLetterSource, seq: number): Promise<CheckedDeadLetter> {
  return withRepository(source, (repository) => found(repository, seq));
}

/**
 * Publishes the message record `seq` names again, as its stream holds it, on its subject and into
 * that stream, with the id `replay:<seq>:<tag>`, then deletes the record: the consumer that gave up
 * on it gets it as a new message, once.
 * @throws DeadLetterNotFoundError when there is no such record (a second replay of the same one).
 * @throws DeadLetterNotReplayableError when the record does not hold up against the server.
 * @throws OperatorAuditError when `decisions` is given and the decision could not be recorded.
 */
export function replayDeadLetter(
  source: DeadLetterSource,
  seq: number,
  decisions?: DeadLetterDecisions,
): Promise<ReplayOutcome> {
  return withRepository(source, async (repository) =>
    replayRecord(repository, await found(repository, seq), decisions),
  );
}

/**
 * Replays every record filed for `filter` that holds up, oldest first, each message once: a later
 * record of a message already replayed in this run is removed. Records that do not hold up stay.
 */
export function replayDeadLetters(
  source: DeadLetterSource,
  filter: DeadLetterFilter = {},
  decisions?: DeadLetterDecisions,
): Promise<ReplayAllOutcome> {
  return withRepository(source, async (repository) => {
    const outcome: ReplayAllOutcome = { replayed: [], repeated: [], skipped: [] };
    const done = new Set<string>();
    for (const record of await matching(repository, filter)) {
      const { verdict } = record;
      if (!verdict.verified) {
        outcome.skipped.push(record);
        continue;
      }
      const message = `${verdict.stream}/${verdict.consumer}/${verdict.sequence}`;
      if (done.has(message)) {
        await decisions?.record('drop', record);
        await repository.remove(record.seq);
        outcome.repeated.push(record);
        continue;
      }
      done.add(message);
      outcome.replayed.push(await replayRecord(repository, record, decisions));
    }
    return outcome;
  });
}

/**
 * Deletes record `seq` for good, once `decisions` (when given) recorded the decision.
 * @throws DeadLetterNotFoundError when there is none.
 * @throws OperatorAuditError when `decisions` is given and the decision could not be recorded.
 */
export function dropDeadLetter(
  source: DeadLetterSource,
  seq: number,
  decisions?: DeadLetterDecisions,
): Promise<DeadLetterRecord> {
  return withRepository(source, async (repository) => {
    const record = await repository.get(seq);
    if (record !== undefined) await decisions?.record('drop', record);
    if (record === undefined || !(await repository.remove(seq))) {
      throw new DeadLetterNotFoundError(repository.stream, seq);
    }
    return record;
  });
}
