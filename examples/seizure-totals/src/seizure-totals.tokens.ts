/** The file the totals are kept in between starts. */
export const SEIZURE_TOTALS_FILE = Symbol('seizure-totals:file');
