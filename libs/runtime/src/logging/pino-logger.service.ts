import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

// Nest appends the logger's context as the last argument and, for errors, a stack (or undefined)
// before it; an error logged with one string argument takes it as a stack only if it looks like one.
function isStack(value: unknown): boolean {
  return typeof value === 'string' && /\n\s+at /.test(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Error);
}

/**
 * Nest's `LoggerService` over a pino logger, so framework and app lines share one JSON stream:
 * log → info, verbose → trace, and the Nest context becomes the `context` field. Install it with
 * `NestFactory.create(AppModule, { logger: new PinoLoggerService(logger) })`.
 */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams, true);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  private write(level: Level, message: unknown, params: unknown[], withStack = false): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const rest = [...params];
    const fields: Record<string, unknown> = {};
    const loneStack = withStack && rest.length === 1 && isStack(rest[0]);
    if (!loneStack && typeof rest.at(-1) === 'string') fields.context = rest.pop();
    if (withStack && rest.length > 0 && (typeof rest.at(-1) === 'string' || rest.at(-1) === undefined)) {
      const stack = rest.pop();
      if (stack !== undefined) fields.stack = stack;
    }
    if (rest.length > 0) fields.params = rest;

    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (isPlainObject(message)) {
      this.logger[level]({ ...message, ...fields });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
