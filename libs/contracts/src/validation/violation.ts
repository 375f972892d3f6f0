/** One broken rule: the field's JSON path (e.g. `texts[0].headline`) and a short human reason. */
export interface Violation {
  readonly field: string;
  readonly reason: string;
}

/**
 * What validation needs to know about the world: the current time and the registry's ids.
 * The hub, the node and the CLI each build one from their registry.
 */
export interface ValidationContext {
  readonly now: Date;
  knownRegion(id: string): boolean;
  knownSection(id: string): boolean;
  knownCrossingPoint(id: string): boolean;
  knownNode(id: string): boolean;
}

/** Where rules record what they find; one list per validated message. */
export type Violations = Violation[];
