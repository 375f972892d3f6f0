// @borderlink/client/nest: the NestJS module for services.
export { BorderlinkClientModule } from './borderlink-client.module.js';
export type { BorderlinkClientModuleOptions } from './borderlink-client.options.js';
export { OnBorderlinkMessage } from './on-borderlink-message.decorator.js';
export { BorderlinkListener, type BorderlinkMessageEvent } from './borderlink-listener.service.js';
export { matchesFilter, subscriptionFor, type BorderlinkMessageFilter } from './message-filter.js';
export {
  FileCursorStore,
  MemoryCursorStore,
  type BorderlinkCursor,
  type BorderlinkCursorStore,
} from './cursor.store.js';
