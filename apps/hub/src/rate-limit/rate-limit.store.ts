/**
 * Port to the hub's per-sender admission control. `admit` takes one token from the node's bucket and
 * says whether the message may proceed; it is the pipeline's first Redis call, made before any costly step.
 */
export abstract class RateLimitStore {
  abstract admit(node: string): Promise<boolean>;
}
