import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AlertSchema,
  AlertType,
  Category,
  Certainty,
  HandlingCode,
  InformationReliability,
  Pap,
  Severity,
  SourceReliability,
  Status,
  Tlp,
  TranslationProvenance,
  Urgency,
} from '#contracts';
import { CapExportError, CapRefusedError } from './cap.errors.js';
import { exportCap } from './cap-export.js';
import { declaredEncoding, importCap, splitAddresses } from './cap-import.js';
import { checkCapSchema } from './cap-schema.js';

const NOW = new Date('2026-03-01T08:00:00Z');
const OPTIONS = { node: 'tj-border', now: NOW, regions: ['afghan-border'] };

/** A small valid CAP 1.2 document, with `alert` and `info` elements spliced in where named. */
function document(parts: { head?: string; scope?: string; info?: string; tail?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>KZ-2026-0042</identifier>
  <sender>ops@border.example</sender>
  <sent>2026-03-01T10:00:00+02:00</sent>
  <status>Actual</status>
  ${parts.head ?? '<msgType>Alert</msgType>'}
  ${parts.scope ?? '<scope>Public</scope>'}
  <info>
    <category>Security</category>
    <event>Armed group crossing</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Observed</certainty>
    ${parts.info ?? ''}
  </info>
  ${parts.tail ?? ''}
</alert>`;
}

async function refusalOf(xml: string): Promise<CapRefusedError> {
  const error = await importCap(xml, OPTIONS).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CapRefusedError);
  return error as CapRefusedError;
}

describe('importCap', () => {
  it('refuses malformed XML with the parser reason', async () => {
    const { violations } = await refusalOf(
      '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>',
    );
    expect(violations[0]).toEqual({
      field: 'document',
      reason: expect.stringMatching(/^line 1: .*parser error/),
    });
  });

  it('refuses a document the schema does not take, with the schema reason', async () => {
    const { violations } = await refusalOf(document({ head: '<msgType>Warning</msgType>' }));
    expect(violations).toContainEqual({
      field: 'document',
      reason: expect.stringContaining("Element 'msgType': [facet 'enumeration'] The value 'Warning'"),
    });
  });

  it('refuses a document type declaration before parsing', async () => {
    const xml = document().replace('<alert', '<!DOCTYPE alert [<!ENTITY x "y">]>\n<alert');
    const { violations } = await refusalOf(xml);
    expect(violations).toEqual([{ field: 'document', reason: 'must not declare a document type (DTD)' }]);
  });

  it('refuses an Ack, which no Borderlink alert is, by its path', async () => {
    const { violations } = await refusalOf(document({ head: '<msgType>Ack</msgType>' }));
    expect(violations).toEqual([
      { field: 'alert/msgType', reason: expect.stringContaining('"Ack" has no Borderlink form') },
    ]);
  });

  it('refuses every element that cannot be mapped, each by its path, not the first only', async () => {
    const info = `<language>en-US</language><category>Security</category><event>e</event>
      <urgency>Expected</urgency><severity>Severe</severity><certainty>Observed</certainty>
      <area><areaDesc>ridge</areaDesc><polygon>38.5,68.8 nonsense</polygon></area>`;
    const xml = document({
      head: '<msgType>Alert</msgType>',
      scope: '<scope>Public</scope><restriction>TLP:RED</restriction>',
      // en-US spelled otherwise: the first info's language (CAP's default) again.
      tail: `<info><language>EN-us</language>${info.slice(info.indexOf('<category>'))}</info>`,
    }).replace('<status>Actual</status>', '<status>Draft</status>');
    const { violations } = await refusalOf(xml);
    expect(violations.map((v) => v.field)).toEqual([
      'alert/status',
      'alert/info[1]/urgency',
      'alert/info[1]/language',
      'alert/info[1]/area[0]/polygon[0]',
      'alert/restriction',
    ]);
  });

  it('maps a public CAP alert: the node as sender, the general category, the document kept', async () => {
    const alert = await importCap(
      document({
        info: '<headline>Armed group at the Panj</headline><description>Seen at dawn.</description>',
      }),
      OPTIONS,
    );
    expect(alert).toMatchObject({
      sender: 'tj-border',
      sent: timestampFromDate(NOW),
      type: AlertType.ALERT,
      status: Status.ACTUAL,
      category: Category.OTHER,
      urgency: Urgency.IMMEDIATE,
      severity: Severity.SEVERE,
      certainty: Certainty.OBSERVED,
      regions: ['afghan-border'],
      handling: { tlp: Tlp.CLEAR, code: HandlingCode.H0, restrictions: '' },
      evaluation: {
        source: SourceReliability.X,
        information: InformationReliability.INFORMATION_RELIABILITY_4,
      },
      texts: [
        {
          // CAP's default language, as it is: an export names none and imports back the same.
          language: 'en-US',
          provenance: TranslationProvenance.ORIGINAL,
          headline: 'Armed group at the Panj',
          description: 'Seen at dawn.',
        },
      ],
      cap: {
        identifier: 'KZ-2026-0042',
        sender: 'ops@border.example',
        sent: timestampFromDate(new Date('2026-03-01T08:00:00Z')),
        infos: [{ language: '', categories: ['Security'], event: 'Armed group crossing' }],
      },
    });
  });

  it('takes each info in its own language, its tag made canonical and the document’s spelling kept', async () => {
    const other = (language: string, headline: string) =>
      `<info><language>${language}</language><category>Security</category><event>e</event>
      <urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty>
      <headline>${headline}</headline></info>`;
    const xml = document({
      info: '<headline>Armed group at the Panj</headline>',
      tail: other('es-us', 'Grupo armado en el Panj') + other('uz-Cyrl', 'Панждаги қуролли гуруҳ'),
    }).replace('<info>', '<info><language>en-US</language>');
    const alert = await importCap(xml, OPTIONS);
    expect(alert.texts.map(({ language, provenance }) => [language, provenance])).toEqual([
      ['en-US', TranslationProvenance.ORIGINAL],
      ['es-US', TranslationProvenance.HUMAN_TRANSLATED],
      ['uz-Cyrl', TranslationProvenance.HUMAN_TRANSLATED],
    ]);
    expect(alert.cap?.infos.map((info) => info.language)).toEqual(['en-US', 'es-us', 'uz-Cyrl']);
    const exported = exportCap(alert);
    expect(exported).toContain('<language>es-us</language>');
    await expect(importCap(exported, OPTIONS)).resolves.toEqual(alert);
  });

  it('refuses a language that is not a well-formed BCP 47 tag, though the schema takes it', async () => {
    const { violations } = await refusalOf(
      document().replace('<info>', '<info><language>i-klingon</language>'),
    );
    expect(violations).toEqual([
      {
        field: 'alert/info[0]/language',
        reason: '"i-klingon" must be a well-formed BCP 47 language tag (RFC 5646), such as en or fr-CA',
      },
    ]);
  });

  it('reads TLP, PAP and the SIENA code from the restriction, and nodes and groups from the addresses', async () => {
    const alert = await importCap(
      document({
        scope:
          '<scope>Restricted</scope><restriction>TLP:AMBER+STRICT PAP:GREEN Not for court use</restriction>' +
          '<addresses>kz-border group:op-panj</addresses>',
      }),
      OPTIONS,
    );
    expect(alert.handling).toMatchObject({
      tlp: Tlp.AMBER_STRICT,
      pap: Pap.GREEN,
      code: HandlingCode.H3,
      restrictions: 'Not for court use',
    });
    expect(alert.addressees).toMatchObject({ nodes: ['kz-border'], groups: ['op-panj'] });
  });

  it('reads a document decoded from its declared encoding, not UTF-8', async () => {
    const latin1 = Buffer.from(
      document({ info: '<headline>Traversée armée</headline>' }).replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0" encoding="ISO-8859-1"?>',
      ),
      'latin1',
    );
    const encoding = declaredEncoding(latin1.subarray(0, 100).toString('latin1'));
    expect(encoding).toBe('iso-8859-1');
    const alert = await importCap(new TextDecoder(encoding).decode(latin1), OPTIONS);
    expect(alert.texts[0]?.headline).toBe('Traversée armée');
  });

  it('splits addresses as CAP writes them, a quoted one holding spaces', () => {
    expect(splitAddresses('kz-border "Border Guard HQ" uz-border')).toEqual([
      'kz-border',
      'Border Guard HQ',
      'uz-border',
    ]);
  });
});

describe('exportCap', () => {
  const native = () =>
    create(AlertSchema, {
      id: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c01',
      sender: 'tj-border',
      sent: timestampFromDate(NOW),
      type: AlertType.ALERT,
      status: Status.EXERCISE,
      category: Category.SMALL_ARMS_LIGHT_WEAPONS,
      severity: Severity.SEVERE,
      urgency: Urgency.EXPECTED,
      certainty: Certainty.LIKELY,
      regions: ['afghan-border'],
      area: {
        description: 'Panj river crossing',
        borderSections: ['tj-af-panj'],
        points: [{ lat: 37.2, lon: 68.6 }],
        circles: [{ center: { lat: 37.1, lon: 68.5 }, radiusKm: 5 }],
      },
      texts: [
        { language: 'ru', provenance: TranslationProvenance.ORIGINAL, headline: 'Изъятие оружия' },
        { language: 'en', provenance: TranslationProvenance.HUMAN_TRANSLATED, headline: 'Weapons seized' },
      ],
      evaluation: {
        source: SourceReliability.B,
        information: InformationReliability.INFORMATION_RELIABILITY_2,
      },
      handling: { tlp: Tlp.RED, code: HandlingCode.H2, pap: Pap.AMBER },
      addressees: { nodes: ['kz-border'], groups: ['op-panj'] },
    });

  it('carries TLP:RED as a Private alert with its labels in the restriction and its addressees', async () => {
    const xml = exportCap(native());
    await expect(checkCapSchema(xml)).resolves.toEqual([]);
    expect(xml).toContain('<scope>Private</scope>');
    expect(xml).toContain('<restriction>TLP:RED PAP:AMBER SIENA:H2</restriction>');
    expect(xml).toContain('<addresses>kz-border group:op-panj</addresses>');
    expect(xml).toContain('<sender>borderlink:tj-border</sender>');
  });

  it('refuses to write a kept signature that is more than one Signature element', async () => {
    const alert = await importCap(document(), OPTIONS);
    const signature = '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo/></Signature>';
    alert.cap!.signature = signature;
    expect(exportCap(alert)).toContain(signature);
    alert.cap!.signature = `${signature}<note>injected</note>${signature}`;
    expect(() => exportCap(alert)).toThrow(CapExportError);
    alert.cap!.signature = '<Signature><unclosed></Signature>';
    expect(() => exportCap(alert)).toThrow(CapExportError);
  });

  it.each([
    [Tlp.CLEAR, 'Public'],
    [Tlp.GREEN, 'Restricted'],
    [Tlp.AMBER, 'Restricted'],
    [Tlp.AMBER_STRICT, 'Restricted'],
    [Tlp.RED, 'Private'],
  ])('gives a node’s own alert of TLP %s the scope %s and imports it back the same', async (tlp, scope) => {
    const alert = native();
    alert.handling!.tlp = tlp;
    const xml = exportCap(alert);
    expect(xml).toContain(`<scope>${scope}</scope>`);
    await expect(checkCapSchema(xml)).resolves.toEqual([]);
    const back = await importCap(xml, { ...OPTIONS, regions: [] });
    const { cap, ...rest } = back;
    expect(cap?.identifier).toBe(alert.id);
    expect(rest).toEqual({ ...alert, cap: undefined, $typeName: alert.$typeName });
  });
});
