import type { BackoffOptions } from '../backoff.js';
import type { HandlingLevel } from '../node-api.types.js';
import type { BorderlinkCursorStore } from './cursor.store.js';

export const BORDERLINK_OPTIONS = Symbol('borderlink:options');

/** `BorderlinkClientModule.forRoot`'s options: the node, the service's credentials, and how handlers are fed. */
export interface BorderlinkClientModuleOptions {
  /** The node's base URL, without `/v1`. */
  url: string;
  /** The service's API key; or `token`. */
  apiKey?: string;
  /** A function giving a current access token, instead of an API key. */
  token?: () => string | Promise<string>;
  /**
   * Where handlers are fed from: `subscription` (default) registers one service subscription for
   * all of them at start (updating it on later starts) and reads its stream; `inbox` reads the
   * node's whole inbox stream and filters here.
   */
  source?: 'subscription' | 'inbox';
  /** The most restricted handling the subscription receives (default `TLP:AMBER`). */
  maxHandling?: HandlingLevel;
  /** Where the cursor is kept between starts; default a FileCursorStore at `cursorFile`. */
  cursorStore?: BorderlinkCursorStore;
  /** The default store's file (default `.borderlink/cursor.json` under the working directory). */
  cursorFile?: string;
  backoff?: BackoffOptions;
}
