import type { ItemState } from '../inbox/inbox-item.js';

/** The windows the picture counts over, each ending now. */
export const PICTURE_WINDOWS = { '24h': 1, '7d': 7, '30d': 30 } as const;
export type PictureWindow = keyof typeof PICTURE_WINDOWS;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A message the picture is built from: received or sent by this node, in protobuf JSON. */
export interface PictureSource {
  id: string;
  kind: string;
  sender: string;
  message: unknown;
  /** Where a received alert stands; a sent one is active unless a change in the same set names it. */
  state?: ItemState;
}

/** The impact level of a section after EUROSUR, and who set it when. */
export interface SectionImpact {
  level: string;
  setBy: string;
  at: string;
}

/** Persons involved, counted by sex × age group × role (enum names). */
export interface PersonFigure {
  sex: string;
  ageGroup: string;
  role: string;
  count: number;
}

/** What happened in one section within one window. */
export interface WindowFigures {
  alerts: number;
  /** Alerts by category and by severity (enum names). */
  byCategory: Record<string, number>;
  bySeverity: Record<string, number>;
  /** Weapons seized by type (enum names), rounds of ammunition, explosives' net mass. */
  weapons: Record<string, number>;
  rounds: number;
  explosivesKg: number;
  persons: PersonFigure[];
}

interface AlertJson {
  type?: string;
  status?: string;
  sent?: string;
  references?: string[];
  category?: string;
  severity?: string;
  area?: { borderSections?: string[] };
  items?: {
    weapon?: { type?: string; quantity?: number };
    ammunition?: { quantity?: number };
    explosive?: { netMassKg?: number };
  }[];
  persons?: { sex?: string; ageGroup?: string; role?: string; count?: number }[];
}

interface NoticeJson {
  sent?: string;
  impactChange?: { borderSection?: string; to?: string };
  situation?: { sections?: { borderSection?: string; impact?: string }[] };
}

const UNSPECIFIED = 'UNSPECIFIED';
const levelOf = (name: string | undefined) => (name ?? '').replace(/^IMPACT_LEVEL_/, '').toLowerCase();
const add = (counts: Record<string, number>, key: string, by: number) => {
  counts[key] = (counts[key] ?? 0) + by;
};

function emptyFigures(): WindowFigures {
  return { alerts: 0, byCategory: {}, bySeverity: {}, weapons: {}, rounds: 0, explosivesKg: 0, persons: [] };
}

/**
 * The alerts that count: actual (not exercises or tests), concerning `section`, neither superseded nor
 * cancelled, whether this node learned so from its inbox or sees the change among `sources`.
 */
function currentAlerts(
  sources: readonly PictureSource[],
  section: string,
): Array<PictureSource & { alert: AlertJson }> {
  const alerts = sources.filter((source) => source.kind === 'alert');
  const replaced = new Set(
    alerts.flatMap((source) => {
      const { type, references = [] } = source.message as AlertJson;
      if (type !== 'ALERT_TYPE_UPDATE' && type !== 'ALERT_TYPE_CANCEL') return [];
      return references.map((reference) => `${source.sender} ${reference}`);
    }),
  );
  return alerts
    .map((source) => ({ ...source, alert: source.message as AlertJson }))
    .filter(
      ({ id, sender, state, alert }) =>
        (state ?? 'active') === 'active' &&
        !replaced.has(`${sender} ${id}`) &&
        alert.type !== 'ALERT_TYPE_CANCEL' &&
        alert.status === 'STATUS_ACTUAL' &&
        (alert.area?.borderSections ?? []).includes(section),
    );
}

/** The figures of `section` over each window ending at `now`, from `sources`. */
export function sectionFigures(
  sources: readonly PictureSource[],
  section: string,
  now: Date,
): Record<PictureWindow, WindowFigures> {
  const figures = Object.fromEntries(
    Object.keys(PICTURE_WINDOWS).map((window) => [window, emptyFigures()]),
  ) as Record<PictureWindow, WindowFigures>;
  const persons = Object.fromEntries(
    Object.keys(PICTURE_WINDOWS).map((window) => [window, new Map<string, PersonFigure>()]),
  );
  for (const { alert } of currentAlerts(sources, section)) {
    const sent = Date.parse(alert.sent ?? '');
    for (const [window, days] of Object.entries(PICTURE_WINDOWS) as [PictureWindow, number][]) {
      if (!(sent > now.getTime() - days * DAY_MS && sent <= now.getTime())) continue;
      const into = figures[window];
      into.alerts++;
      add(into.byCategory, alert.category ?? UNSPECIFIED, 1);
      add(into.bySeverity, alert.severity ?? UNSPECIFIED, 1);
      for (const { weapon, ammunition, explosive } of alert.items ?? []) {
        if (weapon) add(into.weapons, weapon.type ?? UNSPECIFIED, weapon.quantity ?? 1);
        if (ammunition) into.rounds += ammunition.quantity ?? 0;
        if (explosive) into.explosivesKg += explosive.netMassKg ?? 0;
      }
      for (const {
        sex = UNSPECIFIED,
        ageGroup = UNSPECIFIED,
        role = UNSPECIFIED,
        count = 0,
      } of alert.persons ?? []) {
        const key = `${sex} ${ageGroup} ${role}`;
        const known = persons[window]!.get(key) ?? { sex, ageGroup, role, count: 0 };
        known.count += count;
        persons[window]!.set(key, known);
      }
    }
  }
  for (const window of Object.keys(PICTURE_WINDOWS) as PictureWindow[]) {
    figures[window].persons = [...persons[window]!.values()].sort((a, b) =>
      `${a.sex} ${a.ageGroup} ${a.role}`.localeCompare(`${b.sex} ${b.ageGroup} ${b.role}`),
    );
  }
  return figures;
}

/** The latest impact level `sources` set for `section` (impact-level changes and situation reports). */
export function sectionImpact(sources: readonly PictureSource[], section: string): SectionImpact | undefined {
  let latest: SectionImpact | undefined;
  for (const { kind, sender, message } of sources) {
    if (kind !== 'notice') continue;
    const notice = message as NoticeJson;
    const levels = [
      ...(notice.impactChange?.borderSection === section ? [notice.impactChange.to] : []),
      ...(notice.situation?.sections ?? []).filter((s) => s.borderSection === section).map((s) => s.impact),
    ].map(levelOf);
    const level = levels.at(-1);
    if (level === undefined || level === '' || level === 'unspecified' || notice.sent === undefined) continue;
    if (latest === undefined || Date.parse(notice.sent) > Date.parse(latest.at)) {
      latest = { level, setBy: sender, at: notice.sent };
    }
  }
  return latest;
}
