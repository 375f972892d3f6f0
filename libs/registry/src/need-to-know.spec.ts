import { RegistryError } from './registry.errors.js';
import { RegistryIndex } from './registry-index.js';
import { SMALL_REGISTRY_YAML } from '../test/registry.fixtures.js';
import { parseRegistry } from './registry-file.js';

const ORGANISATIONS = `  - { id: tj-border-troops, name: Tajik Border Troops }
  - { id: unodc, name: UNODC }`;

const withOrganisations = (text: string) => SMALL_REGISTRY_YAML.replace(ORGANISATIONS, text);

function problemsOf(text: string): string[] {
  try {
    parseRegistry(text);
  } catch (error) {
    if (error instanceof RegistryError) return error.problems;
    throw error;
  }
  return [];
}

describe('organisations need to know', () => {
  it('reads the declared organisations and answers them by organisation and by node', () => {
    const registry = parseRegistry(
      withOrganisations(`  - { id: tj-border-troops, name: Tajik Border Troops, needToKnow: [unodc] }
  - { id: unodc, name: UNODC }`),
    );
    const index = new RegistryIndex(registry);
    expect(index.needToKnow('tj-border-troops')).toEqual(['unodc']);
    expect(index.needToKnow('unodc')).toEqual([]);
    expect(index.organisationOf('tj-border')).toBe('tj-border-troops');
    expect(index.organisationOf('nobody')).toBeUndefined();
  });

  it('refuses an unknown organisation and the organisation itself', () => {
    const problems = problemsOf(
      withOrganisations(`  - { id: tj-border-troops, name: Tajik Border Troops, needToKnow: [nobody, tj-border-troops] }
  - { id: unodc, name: UNODC }`),
    );
    expect(problems).toEqual([
      'organisation "tj-border-troops" needToKnow: unknown organisation "nobody"',
      'organisation "tj-border-troops" needToKnow: names the organisation itself',
    ]);
  });
});

describe('organisations escalation contacts', () => {
  it("answers a node's escalation contact by its organisation", () => {
    const index = new RegistryIndex(
      parseRegistry(
        withOrganisations(`  - { id: tj-border-troops, name: Tajik Border Troops, escalation: unodc }
  - { id: unodc, name: UNODC }`),
      ),
    );
    expect(index.escalationOf('tj-border')).toBe('unodc');
    expect(index.escalationOf('unodc')).toBeUndefined();
  });

  it('refuses an unknown node and the hub as a contact', () => {
    const problems = problemsOf(
      withOrganisations(`  - { id: tj-border-troops, name: Tajik Border Troops, escalation: nobody }
  - { id: unodc, name: UNODC, escalation: hub }`),
    );
    expect(problems).toEqual([
      'organisation "tj-border-troops" escalation: unknown node "nobody"',
      'organisation "unodc" escalation: the hub cannot be one',
    ]);
  });
});
