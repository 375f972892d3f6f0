import { nodeRebuildConsumer } from '#contracts';

/** The hub did not provide the rebuild consumer in time (down, or unreachable); try again later. */
export class RebuildConsumerUnavailableError extends Error {
  override readonly name = 'RebuildConsumerUnavailableError';

  constructor(node: string, options?: { cause?: unknown }) {
    super(`the hub did not provide rebuild consumer ${nodeRebuildConsumer(node)}`, options);
  }
}
