/** A message this node holds (received or sent), as its indexes file it: id, kind and protobuf JSON. */
export interface HeldMessage {
  id: string;
  kind: string;
  message: unknown;
}
