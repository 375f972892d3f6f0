// The react-query cache keys of the console's reads, in one place so that an action can refresh
// what it changed (a replay refreshes the dead-letter list).
export const QUERY_KEYS = {
  me: ['me'],
  network: ['network'],
  traffic: (minutes: number) => ['traffic', minutes],
  nats: ['nats'],
  deadLetters: ['dead-letters'],
  deadLetter: (id: string) => ['dead-letters', id],
  audit: ['audit'],
  keys: ['keys'],
  registry: ['registry'],
} as const;

/** How often each screen asks again, in milliseconds. */
export const REFRESH_MS = {
  network: 2_000,
  traffic: 10_000,
  nats: 5_000,
  deadLetters: 5_000,
  audit: 30_000,
} as const;
