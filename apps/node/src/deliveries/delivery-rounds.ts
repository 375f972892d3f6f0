/** One round of a batch: what runs together once the rounds before it are done. */
export interface DeliveryRound<I, T> {
  /** Messages for the inbox, in delivery order: taken in by one call. */
  takeIn: I[];
  /** Other messages, at most one per sender: handled at once. */
  others: T[];
}

/**
 * Orders a pulled batch so that one take-in serves as many deliveries as each sender's order allows.
 * Per sender, consecutive messages for the inbox form one step and every other message a step of its
 * own; round n holds each sender's n-th step. Running the rounds one after the other keeps each
 * sender's order (decision 13), and a batch of inbox messages alone is one round: one take-in.
 */
export function deliveryRounds<T, I extends T>(
  batch: readonly T[],
  senderOf: (item: T) => string,
  forInbox: (item: T) => item is I,
): DeliveryRound<I, Exclude<T, I>>[] {
  const rounds: DeliveryRound<I, Exclude<T, I>>[] = [];
  // Per sender: the round of its last step, and whether that step is a take-in still open.
  const last = new Map<string, { round: number; open: boolean }>();
  for (const item of batch) {
    const sender = senderOf(item);
    const step = last.get(sender);
    if (forInbox(item) && step?.open) {
      rounds[step.round]!.takeIn.push(item);
      continue;
    }
    const round = step === undefined ? 0 : step.round + 1;
    rounds[round] ??= { takeIn: [], others: [] };
    if (forInbox(item)) rounds[round].takeIn.push(item);
    else rounds[round].others.push(item as Exclude<T, I>);
    last.set(sender, { round, open: forInbox(item) });
  }
  return rounds;
}
