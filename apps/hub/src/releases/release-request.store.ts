/** What the hub remembers of a release request until the originator decides. */
export interface ReleaseRequestRecord {
  message: string;
  origin: string;
  requester: string;
  to: string;
  /** Id of the decision that answered it, once answered. */
  decision?: string;
}

/** Port to pending release requests, by the id of the Release message that carried the request. */
export abstract class ReleaseRequestStore {
  abstract remember(request: string, record: ReleaseRequestRecord): Promise<void>;
  abstract recall(request: string): Promise<ReleaseRequestRecord | undefined>;
}
