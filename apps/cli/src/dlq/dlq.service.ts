import {
  matchesFilter,
  originalHeaders,
  replayMsgId,
  type DeadLetterFilter,
  type DeadLetterRecord,
} from './dead-letter-record.js';
import { DeadLetterStreamRepository, type DeadLetterSource } from './dead-letter-stream.repository.js';
import { DeadLetterNotFoundError, DeadLetterNotReplayableError } from './dlq.errors.js';

/** What replaying one record did. */
export interface ReplayOutcome {
  record: DeadLetterRecord;
  /** Where the message was stored again: its original stream, at this sequence. */
  storedSeq: number;
  /** True when an earlier, interrupted replay of this record had already stored it. */
  alreadyStored: boolean;
}

/** What `replay --all` did: the records replayed, and those skipped because they hold no original. */
export interface ReplayAllOutcome {
  replayed: ReplayOutcome[];
  skipped: DeadLetterRecord[];
}

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

async function found(repository: DeadLetterStreamRepository, seq: number): Promise<DeadLetterRecord> {
  const record = await repository.get(seq);
  if (record === undefined) throw new DeadLetterNotFoundError(repository.stream, seq);
  return record;
}

// Publish first, delete second: a crash in between leaves the record, and replaying it again is
// stored once (same replay id), so the message is neither lost nor doubled.
async function replayRecord(
  repository: DeadLetterStreamRepository,
  record: DeadLetterRecord,
): Promise<ReplayOutcome> {
  if (record.subject === undefined) throw new DeadLetterNotReplayableError(record.seq);
  const ack = await repository.republish({
    subject: record.subject,
    headers: originalHeaders(record),
    body: record.body,
    msgId: replayMsgId(record.seq),
    expectedStream: record.stream,
  });
  await repository.remove(record.seq);
  return { record, storedSeq: ack.seq, alreadyStored: ack.duplicate };
}

/** The records matching `filter`, oldest first. */
export function listDeadLetters(
  source: DeadLetterSource,
  filter: DeadLetterFilter = {},
): Promise<DeadLetterRecord[]> {
  return withRepository(source, async (repository) =>
    (await repository.list()).filter((record) => matchesFilter(record, filter)),
  );
}

/**
 * The record at `seq`.
 * @throws DeadLetterNotFoundError when there is none.
 */
export function showDeadLetter(source: DeadLetterSource, seq: number): Promise<DeadLetterRecord> {
  return withRepository(source, (repository) => found(repository, seq));
}

/**
 * Publishes the original of record `seq` again on its subject, into its stream, with its original
 * headers and the id `replay:<seq>`, then deletes the record: the consumer that gave up on it gets it
 * as a new message, once.
 * @throws DeadLetterNotFoundError when there is no such record (a second replay of the same one).
 * @throws DeadLetterNotReplayableError when the record holds no original.
 */
export function replayDeadLetter(source: DeadLetterSource, seq: number): Promise<ReplayOutcome> {
  return withRepository(source, async (repository) => replayRecord(repository, await found(repository, seq)));
}

/** Replays every record matching `filter` that holds an original, oldest first. */
export function replayDeadLetters(
  source: DeadLetterSource,
  filter: DeadLetterFilter = {},
): Promise<ReplayAllOutcome> {
  return withRepository(source, async (repository) => {
    const outcome: ReplayAllOutcome = { replayed: [], skipped: [] };
    for (const record of await repository.list()) {
      if (!matchesFilter(record, filter)) continue;
      if (record.subject === undefined) outcome.skipped.push(record);
      else outcome.replayed.push(await replayRecord(repository, record));
    }
    return outcome;
  });
}

/**
 * Deletes record `seq` for good.
 * @throws DeadLetterNotFoundError when there is none.
 */
export function dropDeadLetter(source: DeadLetterSource, seq: number): Promise<DeadLetterRecord> {
  return withRepository(source, async (repository) => {
    const record = await found(repository, seq);
    if (!(await repository.remove(seq))) throw new DeadLetterNotFoundError(repository.stream, seq);
    return record;
  });
}
