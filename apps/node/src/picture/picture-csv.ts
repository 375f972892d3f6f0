import type { SectionPicture } from './picture.service.js';
import type { PictureWindow } from './section-figures.js';

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
const field = (value: string | number): string => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * The pictures' figures as CSV for reports, one figure per row: section, window, measure, the
 * measure's dimension (a category, severity, weapon type, or sex/age group/role; empty for totals),
 * and the value. The impact level is a row of its own, its value the level.
 */
export function pictureCsv(pictures: readonly SectionPicture[]): string {
  const rows: (string | number)[][] = [['section', 'window', 'measure', 'dimension', 'value']];
  for (const picture of pictures) {
    if (picture.impact) rows.push([picture.id, 'now', 'impact', picture.impact.setBy, picture.impact.level]);
    for (const [window, figures] of Object.entries(picture.windows) as [
      PictureWindow,
      SectionPicture['windows'][PictureWindow],
    ][]) {
      const row = (measure: string, dimension: string, value: number) =>
        rows.push([picture.id, window, measure, dimension, value]);
      row('alerts', '', figures.alerts);
      for (const [category, count] of Object.entries(figures.byCategory))
        row('alerts-by-category', category, count);
      for (const [severity, count] of Object.entries(figures.bySeverity))
        row('alerts-by-severity', severity, count);
      for (const [type, count] of Object.entries(figures.weapons)) row('weapons', type, count);
      row('rounds', '', figures.rounds);
      row('explosives-kg', '', figures.explosivesKg);
      for (const { sex, ageGroup, role, count } of figures.persons)
        row('persons', `${sex}/${ageGroup}/${role}`, count);
    }
  }
  return rows.map((cells) => cells.map(field).join(',')).join('\r\n') + '\r\n';
}
