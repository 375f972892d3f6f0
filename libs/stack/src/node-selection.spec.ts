import { readFileSync } from 'node:fs';
import { parseRegistry } from '#registry';
import { DEFAULT_STACK_NODES, hubId, selectNodes } from './node-selection.js';
import { StackConfigError } from './stack.errors.js';

const registry = parseRegistry(
  readFileSync(new URL('../../../deploy/registry/registry.yaml', import.meta.url), 'utf8'),
);

describe('node selection', () => {
  it('starts the default cast when no --nodes is given', () => {
    expect(selectNodes(registry, undefined)).toEqual([...DEFAULT_STACK_NODES]);
  });

  it('starts every agency node, never the hub, for "all"', () => {
    const all = selectNodes(registry, 'all');
    expect(all).toHaveLength(registry.nodes.length - 1);
    expect(all).not.toContain('hub');
  });

  it('keeps the order of a given list and trims its ids', () => {
    expect(selectNodes(registry, 'unodc, kz-border')).toEqual(['unodc', 'kz-border']);
  });

  it.each([
    ['an unknown id', 'kz-border,atlantis', /unknown agency node\(s\) atlantis/],
    ['the hub', 'hub', /unknown agency node\(s\) hub/],
    ['an empty entry', 'kz-border,', /comma-separated list/],
    ['a repeated id', 'unodc,unodc', /listed twice: unodc/],
  ])('refuses %s with a usage error', (_case, spec, message) => {
    expect(() => selectNodes(registry, spec)).toThrow(StackConfigError);
    expect(() => selectNodes(registry, spec)).toThrow(message);
  });

  it('names the hub identity of the registry', () => {
    expect(hubId(registry)).toBe('hub');
    expect(() => hubId({ ...registry, nodes: registry.nodes.filter((node) => node.kind !== 'hub') })).toThrow(
      StackConfigError,
    );
  });
});
