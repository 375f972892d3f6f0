/** A release request as this node keeps it: one it must decide, or one it made and got an answer to. */
export interface ReleaseRecord {
  /** Id of the Release message that carried the request. */
  request: string;
  /** The message to release and its originator. */
  message: string;
  origin: string;
  /** The node that asked, and the node it is to go to. */
  requester: string;
  to: string;
  reason: string;
  receivedAt: string;
  /** Set once decided: approved or refused, with the originator's reason. */
  approved?: boolean;
  decisionReason?: string;
  /**
   * The supervisors who approved so far (principal ids), for a message that needs two (four eyes):
   * the decision is published with the second, different one.
   */
  approvals?: Approval[];
}

/** One supervisor's approval of a release. */
export interface Approval {
  by: string;
  at: string;
}
