// The run's accounting: what each recipient should have received against what it did, and the
// report whose last line scripts read.
import type { SentAlert } from './publishers.js';
import type { InboxFeed, InboxListing } from './recipient-ledger.js';

/** What one recipient's agency systems and inbox show at the end of the run. */
export interface RecipientView {
  node: string;
  /** Its event stream; for the node kept offline, opened only once it was started again. */
  feed: InboxFeed;
  inbox: InboxListing;
}

/** One recipient's line of the table. */
export interface RecipientTally {
  node: string;
  expected: number;
  delivered: number;
  lost: number;
  /** The ids of the lost alerts, to look up where each one stopped. */
  missing: string[];
  duplicated: number;
  /** Alerts of the run that reached a node not entitled to them. */
  misrouted: number;
  signatureFailures: number;
}

/** The whole run's result. */
export interface ChaosTally {
  sent: number;
  acknowledged: number;
  expected: number;
  delivered: number;
  lost: number;
  duplicated: number;
  misrouted: number;
  signatureFailures: number;
  audit: 'ok' | 'broken';
  recipients: RecipientTally[];
}

/**
 * Counts, per recipient, the acknowledged alerts it is entitled to (`recipientsOf` their sender)
 * that reached it — on its event stream or in its inbox — and the copies beyond one: the larger of
 * how often the stream announced an id and how often the inbox lists it.
 */
export function tally(
  sent: readonly SentAlert[],
  recipientsOf: (sender: string) => readonly string[],
  views: readonly RecipientView[],
  audit: ChaosTally['audit'],
): ChaosTally {
  const recipients = views.map(({ node, feed, inbox }) => {
    const entitled = new Set(
      sent
        .filter((alert) => alert.acknowledged && recipientsOf(alert.sender).includes(node))
        .map((a) => a.id),
    );
    // An unacknowledged alert may or may not have gone through: reaching a recipient is no fault.
    const acknowledged = new Set(sent.filter((alert) => alert.acknowledged).map((alert) => alert.id));
    const listed = new Map<string, number>();
    for (const id of inbox.ids) listed.set(id, (listed.get(id) ?? 0) + 1);
    const received = new Set([...feed.counts.keys(), ...listed.keys()]);
    let delivered = 0;
    let duplicated = 0;
    let misrouted = 0;
    for (const id of received) {
      duplicated += Math.max(feed.counts.get(id) ?? 0, listed.get(id) ?? 0) - 1;
      if (entitled.has(id)) delivered++;
      else if (acknowledged.has(id)) misrouted++;
    }
    const unverified = new Set([...feed.unverified, ...inbox.unverified]);
    return {
      node,
      expected: entitled.size,
      delivered,
      lost: entitled.size - delivered,
      missing: [...entitled].filter((id) => !received.has(id)),
      duplicated,
      misrouted,
      signatureFailures: unverified.size,
    };
  });
  const sum = (key: keyof Omit<RecipientTally, 'node' | 'missing'>): number =>
    recipients.reduce((total, line) => total + line[key], 0);
  return {
    sent: sent.length,
    acknowledged: sent.filter((alert) => alert.acknowledged).length,
    expected: sum('expected'),
    delivered: sum('delivered'),
    lost: sum('lost'),
    duplicated: sum('duplicated'),
    misrouted: sum('misrouted'),
    signatureFailures: sum('signatureFailures'),
    audit,
    recipients,
  };
}

/** The report: a table per recipient, the faults as they happened, and the machine-readable last line. */
export function formatReport(result: ChaosTally, timeline: readonly string[]): string {
  const columns = ['recipient', 'expected', 'delivered', 'lost', 'duplicated', 'misrouted', 'sig-fail'];
  const rows = result.recipients.map((line) => [
    line.node,
    ...[
      line.expected,
      line.delivered,
      line.lost,
      line.duplicated,
      line.misrouted,
      line.signatureFailures,
    ].map(String),
  ]);
  const total = [
    'total',
    ...[
      result.expected,
      result.delivered,
      result.lost,
      result.duplicated,
      result.misrouted,
      result.signatureFailures,
    ].map(String),
  ];
  const table = [columns, ...rows, total];
  const widths = columns.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const render = (row: string[]): string => row.map((cell, i) => cell.padStart(widths[i]!)).join('  ');
  return [
    'chaos faults:',
    ...timeline.map((entry) => `  ${entry}`),
    `sent ${result.sent}, acknowledged ${result.acknowledged}, signature failures ${result.signatureFailures}, audit chain ${result.audit === 'ok' ? 'verified' : 'BROKEN'}`,
    ...table.map(render),
    `chaos: sent=${result.sent} acknowledged=${result.acknowledged} delivered=${result.delivered} ` +
      `expected=${result.expected} lost=${result.lost} duplicated=${result.duplicated} audit=${result.audit}`,
  ].join('\n');
}
