import { Logger } from '@nestjs/common';
import { pino } from 'pino';
import { PinoLoggerService } from './pino-logger.service.js';

function setup(): { service: PinoLoggerService; lines: () => Record<string, unknown>[] } {
  const written: string[] = [];
  const logger = pino(
    { level: 'trace', base: {}, timestamp: false },
    { write: (line) => written.push(line) },
  );
  return {
    service: new PinoLoggerService(logger),
    lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('PinoLoggerService', () => {
  it('maps each Nest method to a pino level with the context as a field', () => {
    const { service, lines } = setup();

    service.log('started', 'App');
    service.warn('slow', 'App');
    service.debug('detail', 'App');
    service.verbose('more detail', 'App');
    service.fatal('gone', 'App');

    expect(lines()).toEqual([
      { level: 30, context: 'App', msg: 'started' },
      { level: 40, context: 'App', msg: 'slow' },
      { level: 20, context: 'App', msg: 'detail' },
      { level: 10, context: 'App', msg: 'more detail' },
      { level: 60, context: 'App', msg: 'gone' },
    ]);
  });

  it('keeps the stack and context Nest passes with an error', () => {
    const { service, lines } = setup();
    const stack = 'Error: boom\n    at handler (file.ts:1:1)';

    service.error('boom', stack, 'Router');
    service.error('lone stack', stack);
    service.error('lone context', 'Router');

    expect(lines()).toEqual([
      { level: 50, context: 'Router', stack, msg: 'boom' },
      { level: 50, stack, msg: 'lone stack' },
      { level: 50, context: 'Router', msg: 'lone context' },
    ]);
  });

  it("receives a Nest Logger's context, fields and errors once installed", () => {
    const { service, lines } = setup();
    Logger.overrideLogger(service);
    try {
      const logger = new Logger('Delivery');
      logger.log({ msgId: 'm-1', recipient: 'uz-customs', msg: 'delivered' });
      logger.error('failed');
      logger.error(new Error('refused'));
    } finally {
      Logger.overrideLogger(false);
    }

    const [fields, plain, error] = lines();
    expect(fields).toEqual({
      level: 30,
      context: 'Delivery',
      msgId: 'm-1',
      recipient: 'uz-customs',
      msg: 'delivered',
    });
    expect(plain).toEqual({ level: 50, context: 'Delivery', msg: 'failed' });
    expect(error).toMatchObject({
      level: 50,
      context: 'Delivery',
      msg: 'refused',
      err: { message: 'refused' },
    });
  });
});
