/** Injection token of the hub's pino logger (bound to `service: hub` and the hub id). */
export const HUB_LOGGER: unique symbol = Symbol('borderlink:hub-logger');
