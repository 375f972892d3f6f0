/**
 * Injection token of the app's pino logger, bound to its service and node id:
 * `@Inject(LOGGER) logger: Logger`. Provided once by each app's root module.
 */
export const LOGGER: unique symbol = Symbol('borderlink:logger');
