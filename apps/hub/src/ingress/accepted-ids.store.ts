/**
 * Port to the hub's memory of accepted message ids, kept for the whole sent-time window (JetStream's
 * duplicate window is far shorter). Redis holds it; a lost set only reopens replays that the ingress
 * stream would reveal, and the sent-time window still refuses anything older.
 */
export abstract class AcceptedIdStore {
  /**
   * Claims `id` for the ingress message at `sequence`. True when the id is new, or already claimed by
   * that same sequence (a redelivery after a hub crash); false when another message carried it first.
   */
  abstract claim(id: string, sequence: number): Promise<boolean>;
}
