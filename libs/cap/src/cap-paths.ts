import type { Violation } from '#contracts';

// Borderlink's JSON field paths of an imported alert, as the CAP elements they came from. Checked in
// order; the first that matches rewrites the path's start, and what follows is rewritten word by word.
const PREFIXES: readonly (readonly [RegExp, string])[] = [
  [/^texts\[(\d+)\]\.(headline|description|instruction|language)$/, 'alert/info[$1]/$2'],
  [/^texts(\[\d+\])?(\..*)?$/, 'alert/info'],
  [/^cap\.infos\[(\d+)\]\.?/, 'alert/info[$1]/'],
  [/^cap\.infos$/, 'alert/info'],
  [/^cap\.codes/, 'alert/code'],
  [/^cap\.references(\[\d+\])?$/, 'alert/references'],
  [/^cap\.signature$/, 'alert/Signature'],
  [/^cap\./, 'alert/'],
  [/^area(\..*)?$/, 'alert/info[0]/area'],
  [/^handling(\..*)?$/, 'alert/restriction'],
  [/^addressees(\..*)?$/, 'alert/addresses'],
  [/^references(\[\d+\])?$/, 'alert/references'],
  [/^incident$/, 'alert/incidents'],
  [/^(urgency|severity|certainty|effective|expires)$/, 'alert/info[0]/$1'],
  [/^status$/, 'alert/status'],
  [/^type$/, 'alert/msgType'],
];

// The kept document's field names as CAP's element names.
const WORDS: readonly (readonly [RegExp, string])[] = [
  [/\bcategories\b/g, 'category'],
  [/\bresponseTypes\b/g, 'responseType'],
  [/\beventCodes\b/g, 'eventCode'],
  [/\bparameters\b/g, 'parameter'],
  [/\bresources\b/g, 'resource'],
  [/\bareas\b/g, 'area'],
  [/\bpolygons\b/g, 'polygon'],
  [/\bcircles\b/g, 'circle'],
  [/\bgeocodes\b/g, 'geocode'],
  [/\bresource(\[\d+\])\.description\b/g, 'resource$1.resourceDesc'],
  [/\barea(\[\d+\])\.description\b/g, 'area$1.areaDesc'],
  [/\.name\b/g, '.valueName'],
  // A polygon's vertices and a circle's parts are one CAP element's text.
  [/\.(vertices|center|radiusKm)\b.*$/, ''],
];

/**
 * The CAP element path of a field Borderlink's validation names in an imported alert, e.g.
 * `texts[1].headline` → `alert/info[1]/headline`, `cap.infos[0].areas[2].description` →
 * `alert/info[0]/area[2]/areaDesc`; a field with no CAP element (`regions`, `evaluation`) as it is.
 */
export function capFieldOf(field: string): string {
  for (const [pattern, replacement] of PREFIXES) {
    const match = pattern.exec(field);
    if (match === null) continue;
    const head = match[0].replace(pattern, replacement);
    let rest = field.slice(match[0].length);
    for (const [word, name] of WORDS) rest = rest.replace(word, name);
    return `${head}${rest.replaceAll('.', '/')}`.replace(/\/$/, '');
  }
  return field;
}

/** Violations of an imported alert, each named by its CAP element where it has one. */
export function asCapViolations(violations: readonly Violation[]): Violation[] {
  return violations.map((violation) => ({ ...violation, field: capFieldOf(violation.field) }));
}
