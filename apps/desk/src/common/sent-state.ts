/** What the message page says of a message just sent (the compose pages' navigation state). */
export interface SentState {
  sent: 'accepted' | 'queued';
}
