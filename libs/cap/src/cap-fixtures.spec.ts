// Every CAP document in test/fixtures/cap (the OASIS specification's examples and real warning systems'
// alerts): valid by the OASIS schema, imported, exported to a valid document, and imported back unchanged.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { TranslationProvenance, validateMessage, type ValidationContext } from '#contracts';
import { CapRefusedError } from './cap.errors.js';
import { exportCap } from './cap-export.js';
import { importCap } from './cap-import.js';
import { checkCapSchema } from './cap-schema.js';
import { readCapXml } from './cap-xml.js';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/cap');
const IMPORTABLE = readdirSync(FIXTURES).filter((name) => name.endsWith('.xml'));
const read = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** A registry that knows the node, the regions and the places the tests name, at `now`. */
function contextAt(now: Date): ValidationContext {
  return {
    now,
    knownRegion: (id) => ['central-asia', 'afghan-border'].includes(id),
    knownSection: (id) => id === 'tj-af-panj',
    knownCrossingPoint: (id) => id === 'tj-af-nizhny-panj',
    knownNode: (id) => ['tj-border', 'kz-border', 'uz-border'].includes(id),
  };
}

// What Borderlink's validation says of a document the mapping takes: this NWS update expired as it was sent.
const VALIDATION: Record<string, unknown[]> = {
  'google-PAAQ-4-mg5a94.xml': [{ field: 'expires', reason: 'must be after sent' }],
};

// The document's own sent time stands for the node's clock, so its validity is still ahead.
const optionsFor = (xml: string) => ({
  node: 'tj-border',
  now: new Date(readCapXml(xml).sent),
  regions: ['central-asia'],
});

describe('the CAP 1.2 fixtures', () => {
  it('are at least six documents', () => {
    expect(IMPORTABLE.length).toBeGreaterThanOrEqual(6);
  });

  it.each(IMPORTABLE)('%s is valid by the OASIS CAP 1.2 schema', async (name) => {
    await expect(checkCapSchema(read(name))).resolves.toEqual([]);
  });

  it.each(IMPORTABLE)('%s imports to an alert that Borderlink validation takes', async (name) => {
    const xml = read(name);
    const options = optionsFor(xml);
    const alert = await importCap(xml, options);
    expect(validateMessage('alert', alert, contextAt(options.now))).toEqual(VALIDATION[name] ?? []);
    expect(alert.sender).toBe('tj-border');
    expect(alert.cap?.identifier).toBe(readCapXml(xml).identifier);
  });

  it.each(IMPORTABLE)('%s exports to a schema-valid document that imports back unchanged', async (name) => {
    const xml = read(name);
    const options = optionsFor(xml);
    const alert = await importCap(xml, options);
    const exported = exportCap(alert);
    await expect(checkCapSchema(exported)).resolves.toEqual([]);
    await expect(importCap(exported, options)).resolves.toEqual(alert);
  });

  it('keeps an enveloped XML signature verbatim through import and export', async () => {
    const xml = read('ipaws-5e6dd964023f1930ef638846.xml');
    const alert = await importCap(xml, optionsFor(xml));
    const signature = alert.cap?.signature ?? '';
    expect(signature).toMatch(/^<Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">/);
    expect(xml).toContain(signature);
    expect(exportCap(alert)).toContain(signature);
  });

  it('maps the earthquake example: a point, a parameter and the original category kept', async () => {
    const xml = read('v1dot2_appendix_adot3.xml');
    const alert = await importCap(xml, optionsFor(xml));
    expect(alert.area?.points).toEqual([expect.objectContaining({ lat: 32.9525, lon: -115.5527 })]);
    expect(alert.cap?.infos[0]?.categories).toEqual(['Geo']);
    expect(alert.cap?.infos[0]?.parameters.length).toBeGreaterThan(0);
  });

  it('maps a bilingual document to one text a language, each tag as the document writes it', async () => {
    const xml = read('canada_signed.xml');
    const alert = await importCap(xml, optionsFor(xml));
    expect(alert.texts.map(({ language, provenance }) => [language, provenance])).toEqual([
      ['en-CA', TranslationProvenance.ORIGINAL],
      ['fr-CA', TranslationProvenance.HUMAN_TRANSLATED],
    ]);
    expect(exportCap(alert)).toContain('<language>fr-CA</language>');
  });

  it('gives an Update the id of the alert its reference was imported as', async () => {
    const update = read('wcatwc-warning.xml');
    const alert = await importCap(update, optionsFor(update));
    expect(alert.cap?.references).toEqual(['PAAQ,PAAQ-1-lqw6d6,2011-09-02T10:55:55-00:00']);
    expect(alert.references).toEqual([expect.stringMatching(/^cap-[A-Za-z0-9_-]{43}$/)]);
    expect(alert.incident).toBe('lqw6d6');
    expect(timestampDate(alert.cap!.sent!).toISOString()).toBe('2011-09-02T11:36:50.000Z');
  });
});

describe('real CAP documents Borderlink refuses', () => {
  it('refuses a CAP 1.1 document with the schema reason', async () => {
    const xml = readFileSync(join(FIXTURES, 'refused/nws-5c2cf27b1f56885d61654dc47fa411d5.xml'), 'utf8');
    const refusal = await importCap(xml, optionsFor(xml)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CapRefusedError);
    expect((refusal as CapRefusedError).violations).toEqual([
      { field: 'document', reason: expect.stringContaining('No matching global declaration') },
    ]);
  });

  it.each([['australia.xml', 'alert/info[1]/language', "repeats info[0]'s language"]])(
    'refuses %s at %s',
    async (name, field, reason) => {
      const xml = readFileSync(join(FIXTURES, 'refused', name), 'utf8');
      await expect(checkCapSchema(xml)).resolves.toEqual([]);
      const refusal = await importCap(xml, optionsFor(xml)).catch((error: unknown) => error);
      expect((refusal as CapRefusedError).violations).toContainEqual({
        field,
        reason: expect.stringContaining(reason),
      });
    },
  );
});
