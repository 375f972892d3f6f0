/** Injection token of the node's pino logger (bound to `service` and `node`): `@Inject(LOGGER) logger: Logger`. */
export const LOGGER: unique symbol = Symbol('borderlink:node:logger');
