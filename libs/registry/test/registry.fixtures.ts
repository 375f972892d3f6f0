// A small registry for unit tests: two regions, one section and crossing point, three nodes.
export const SMALL_REGISTRY_YAML = `
version: 1
regions:
  - { id: afghan-border, name: Afghan border }
  - { id: caspian, name: Caspian }
sections:
  - { id: tj-af-panj, name: Panj river, countries: [TJ, AF], regions: [afghan-border] }
crossingPoints:
  - id: panji-poyon
    name: Panji Poyon
    section: tj-af-panj
    location: { lat: 37.2, lon: 68.58 }
organisations:
  - { id: tj-border-troops, name: Tajik Border Troops }
  - { id: unodc, name: UNODC }
nodes:
  - id: tj-border
    name: Tajik border
    kind: border
    organisation: tj-border-troops
    country: TJ
    publicKeys: []
    subscriptions:
      - { regions: [afghan-border], categories: ['*'] }
  - id: unodc
    name: UNODC Central Asia
    kind: partner
    organisation: unodc
    subscriptions:
      - { regions: ['*'], categories: [salw, drugs] }
      - { regions: [caspian], categories: [salw] }
  - id: hub
    name: Hub
    kind: hub
    organisation: unodc
`;
