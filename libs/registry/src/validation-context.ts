import type { ValidationContext } from '#contracts';
import type { RegistryIndex } from './registry-index.js';

/** What message validation needs to know, answered by the registry, at `now`. */
export function validationContextOf(registry: RegistryIndex, now: Date): ValidationContext {
  return {
    now,
    knownRegion: (id) => registry.hasRegion(id),
    knownSection: (id) => registry.hasSection(id),
    knownCrossingPoint: (id) => registry.hasCrossingPoint(id),
    knownNode: (id) => registry.hasNode(id),
  };
}
