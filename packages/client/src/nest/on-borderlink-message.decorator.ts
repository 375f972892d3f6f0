import { SetMetadata } from '@nestjs/common';
import type { BorderlinkMessageFilter } from './message-filter.js';

export const BORDERLINK_HANDLER = Symbol('borderlink:handler');

/**
 * Marks a provider's method as a handler of the messages `filter` admits: it is called with each
 * one's inbox item (and the event id), one at a time in the order the node sent them, and awaited
 * before the next.
 */
export const OnBorderlinkMessage = (filter: BorderlinkMessageFilter = {}): MethodDecorator =>
  SetMetadata(BORDERLINK_HANDLER, filter);
