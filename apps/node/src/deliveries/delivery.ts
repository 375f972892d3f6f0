/** One message the hub delivered to this node, as read off its durable consumer. */
export interface Delivery {
  subject: string;
  body: Uint8Array;
  header(name: string): string | undefined;
}
