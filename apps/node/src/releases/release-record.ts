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
}
