import { createLogger } from './create-logger.js';

// pino writes each line with one write() call.
function capture(): { stream: { write(line: string): void }; lines: () => Record<string, unknown>[] } {
  const written: string[] = [];
  return {
    stream: { write: (line) => written.push(line) },
    lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes JSON lines carrying service, node, the level name and an ISO time', () => {
    const { stream, lines } = capture();
    const logger = createLogger({ service: 'node', node: 'kz-border' }, 'info', stream);

    logger.info({ msgId: '0190-a', sender: 'tj-border' }, 'received');

    const [line] = lines();
    expect(line).toMatchObject({
      level: 'info',
      service: 'node',
      node: 'kz-border',
      msgId: '0190-a',
      sender: 'tj-border',
      msg: 'received',
    });
    expect(new Date(line?.time as string).toISOString()).toBe(line?.time);
  });

  it('omits node for a process without a registry identity, and honours the level', () => {
    const { stream, lines } = capture();
    const logger = createLogger({ service: 'cli' }, 'warn', stream);

    logger.info('hidden');
    logger.warn('shown');

    expect(lines()).toEqual([expect.not.objectContaining({ node: expect.anything() })]);
    expect(lines()[0]).toMatchObject({ service: 'cli', msg: 'shown' });
  });
});
