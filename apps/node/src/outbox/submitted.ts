/**
 * Where a message stands when the node answers its submitter: `accepted` once JetStream stored it
 * (the hub will route it), `queued` while it waits on the node's disk for the link.
 */
export type SubmissionStatus = 'accepted' | 'queued';

/** The outcome of a submission. */
export interface Submitted {
  id: string;
  status: SubmissionStatus;
  /** True when this id was already queued or stored (a client's retry): nothing new was sent. */
  duplicate: boolean;
}
