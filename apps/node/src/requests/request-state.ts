/** Where one addressee stands with a request: `open → acknowledged → answered | declined`. */
export const ANSWER_STATES = ['open', 'acknowledged', 'answered', 'declined'] as const;
export type AnswerState = (typeof ANSWER_STATES)[number];

/** What a listing filters by: an answer state, or `overdue` (open or acknowledged past the deadline). */
export const REQUEST_FILTERS = [...ANSWER_STATES, 'overdue'] as const;
export type RequestFilter = (typeof REQUEST_FILTERS)[number];

/** One addressee's standing. */
export interface AddresseeStanding {
  node: string;
  state: AnswerState;
  /** Open or acknowledged at or past the deadline. */
  overdue: boolean;
}

/** True when `state` still owes an answer at `deadline`, as of `now`. */
export function isOverdue(state: AnswerState, deadline: number, now: Date): boolean {
  return (state === 'open' || state === 'acknowledged') && now.getTime() >= deadline;
}

/**
 * A request's state over all its addressees: the least advanced of them (one still open keeps it
 * open), `answered` only once each answered or declined; overdue when any addressee is.
 */
export function overall(addressees: readonly AddresseeStanding[]): { state: AnswerState; overdue: boolean } {
  const order = (state: AnswerState) => (state === 'declined' ? 2 : ANSWER_STATES.indexOf(state));
  const least = addressees.reduce<AnswerState | undefined>(
    (worst, { state }) => (worst === undefined || order(state) < order(worst) ? state : worst),
    undefined,
  );
  const state =
    least === undefined
      ? 'open'
      : least === 'declined' && addressees.some((a) => a.state === 'answered')
        ? 'answered'
        : least;
  return { state, overdue: addressees.some((addressee) => addressee.overdue) };
}
