/** The impact levels of a border section, as the picture names them (after EUROSUR). */
export type Impact = 'low' | 'medium' | 'high' | 'critical';

/** Each level's colour on the map; the level is always written beside it too. */
export const IMPACT_COLOURS: Record<Impact | 'none', string> = {
  none: '#5f6b76',
  low: '#2e7d32',
  medium: '#c77700',
  high: '#d84315',
  critical: '#8e0000',
};

export const impactColour = (level: Impact | undefined): string => IMPACT_COLOURS[level ?? 'none'];
