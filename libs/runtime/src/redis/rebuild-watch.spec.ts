import { RebuildWatch } from './rebuild-watch.js';

function watchOver(whole: boolean[]) {
  const gauge: number[] = [];
  const errors: unknown[] = [];
  let rebuilds = 0;
  let release: (() => void) | undefined;
  const watch = new RebuildWatch({
    isWhole: async () => whole.shift() ?? true,
    rebuild: () =>
      new Promise<void>((resolve) => {
        rebuilds++;
        release = resolve;
      }),
    rebuilding: { set: (value) => gauge.push(value) },
    onError: (error) => errors.push(error),
    intervalMs: 60_000,
  });
  return { watch, gauge, errors, rebuilds: () => rebuilds, finish: () => release?.() };
}

describe('RebuildWatch', () => {
  it('leaves whole state alone', async () => {
    const { watch, gauge, rebuilds } = watchOver([true]);
    await watch.start();
    watch.stop();
    expect(rebuilds()).toBe(0);
    expect(gauge).toEqual([]);
  });

  it('rebuilds lost state once, flagging the run on its gauge', async () => {
    const { watch, gauge, rebuilds, finish } = watchOver([false]);
    const started = watch.start();
    await new Promise((resolve) => setImmediate(resolve));
    expect(gauge).toEqual([1]);
    finish();
    await started;
    watch.stop();
    expect(rebuilds()).toBe(1);
    expect(gauge).toEqual([1, 0]);
  });

  it('reports a failed rebuild instead of rejecting', async () => {
    const errors: unknown[] = [];
    const watch = new RebuildWatch({
      isWhole: async () => false,
      rebuild: async () => {
        throw new Error('stream unreachable');
      },
      rebuilding: { set: () => undefined },
      onError: (error) => errors.push(error),
      intervalMs: 60_000,
    });
    await watch.start();
    watch.stop();
    expect(errors).toEqual([new Error('stream unreachable')]);
  });
});
