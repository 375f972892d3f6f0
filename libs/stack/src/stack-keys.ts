import { initKeys, loadRegistry, type Registry } from '#registry';
import type { StackPaths } from './stack-paths.js';

/** The enrolled registry the stack runs on, and what enrolment had to say. */
export interface StackKeys {
  registry: Registry;
  /** How many seeds were generated now (0 on every run after the first). */
  generated: number;
  warnings: string[];
}

/**
 * `borderlink keys init` for the stack: a seed per registry node in `<data>/keys` (existing ones
 * kept) and the enrolled registry in `<data>/registry.yaml`, which is then loaded.
 */
export async function enrolStackKeys(paths: StackPaths, sourceRegistry: string): Promise<StackKeys> {
  const result = await initKeys({ registry: sourceRegistry, keys: paths.keys, out: paths.registry });
  return {
    registry: loadRegistry(paths.registry),
    generated: result.nodes.filter((node) => node.seed === 'generated').length,
    warnings: result.warnings,
  };
}
