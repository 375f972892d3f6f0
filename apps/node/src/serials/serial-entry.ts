/** One weapon serial in one message this node holds, as the index keeps it. */
export interface SerialEntry {
  /** The serial normalised (serial-number.ts). */
  serial: string;
  /** As the message wrote it. */
  written: string;
  message: string;
  kind: string;
  sender: string;
  /** The message's signed handling label: who may learn of the entry. */
  handling: string;
  /**
   * What ties the message to its case: its id, thread, the alerts it updates and the seizure it
   * traces. Two messages sharing one are one case (an update restating a weapon), not a match.
   */
  case: string[];
}

/** The weapon serials a message carries (protobuf JSON): an alert's seized weapons, a trace request's weapon. */
export function writtenSerials(kind: string, message: unknown): string[] {
  if (kind === 'alert') {
    const { items = [] } = message as { items?: { weapon?: { serialNumber?: string } }[] };
    return items.flatMap((item) => (item.weapon?.serialNumber ? [item.weapon.serialNumber] : []));
  }
  if (kind === 'notice') {
    const serial = (message as { trace?: { item?: { serialNumber?: string } } }).trace?.item?.serialNumber;
    return serial ? [serial] : [];
  }
  return [];
}
