/** The console's screens, at the root of the console server. */
export const CONSOLE_PATHS = {
  network: '/',
  traffic: '/traffic',
  nats: '/nats',
  deadLetters: '/dead-letters',
  audit: '/audit',
  keys: '/keys',
  /** Where the OpenID Connect provider sends the operator back (libs/web's callbackPath of base `/`). */
  callback: '/callback',
} as const;

/** One dead letter, selected on its screen. */
export const deadLetterPath = (id: string): string =>
  `${CONSOLE_PATHS.deadLetters}/${encodeURIComponent(id)}`;

/** Navigation state of a screen that places focus itself after navigating (on an outcome it shows). */
export const KEEP_FOCUS = { keepFocus: true } as const;
