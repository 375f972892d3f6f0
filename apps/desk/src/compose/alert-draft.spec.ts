import { alertOf, draftFromAlert, emptyAlert, emptyItem } from './alert-draft';

describe('an alert from the compose form', () => {
  it('leaves out what was left blank, so that the node names what is missing', () => {
    const body = alertOf(emptyAlert('ru'));
    expect(body).toEqual({
      type: 'ALERT_TYPE_ALERT',
      status: 'STATUS_ACTUAL',
      regions: [],
      texts: [{ language: 'ru', provenance: 'TRANSLATION_PROVENANCE_ORIGINAL' }],
      handling: { tlp: 'TLP_GREEN', code: 'HANDLING_CODE_H0' },
    });
    expect(body).not.toHaveProperty('evaluation');
  });

  it('carries an evaluation with the grades chosen, even one only', () => {
    const draft = { ...emptyAlert('en'), source: 'SOURCE_RELIABILITY_B' };
    expect(alertOf(draft).evaluation).toEqual({ source: 'SOURCE_RELIABILITY_B' });
  });

  it('turns the place into a point and a circle, and items into their kinds', () => {
    const draft = {
      ...emptyAlert('en'),
      sections: ['tj-af-panj'],
      lat: '37,2231',
      lon: '68.6187',
      radiusKm: '5',
      items: [{ ...emptyItem('weapon'), type: 'WEAPON_TYPE_ASSAULT_RIFLE', serialNumber: 'ЛО 2645' }],
    };
    const body = alertOf(draft);
    expect(body.area).toEqual({
      borderSections: ['tj-af-panj'],
      points: [{ lat: 37.2231, lon: 68.6187 }],
      circles: [{ center: { lat: 37.2231, lon: 68.6187 }, radiusKm: 5 }],
    });
    expect(body.items).toEqual([
      { weapon: { type: 'WEAPON_TYPE_ASSAULT_RIFLE', serialNumber: 'ЛО 2645', quantity: 1 } },
    ]);
  });

  it('prepares an update of a sent alert: same content, referring to it', () => {
    const sent = alertOf({
      ...emptyAlert('ru'),
      category: 'CATEGORY_EXPLOSIVES',
      incident: 'tj-panj-2025-0147',
      items: [{ kind: 'ammunition', calibre: '7.62x39mm', quantity: '1200', lotNumber: '', headstamp: '' }],
    });
    const draft = draftFromAlert({ ...sent, id: '0198' }, 'ALERT_TYPE_UPDATE', 'en');
    expect(draft.type).toBe('ALERT_TYPE_UPDATE');
    expect(draft.references).toEqual(['0198']);
    expect(alertOf(draft)).toMatchObject({
      type: 'ALERT_TYPE_UPDATE',
      references: ['0198'],
      category: 'CATEGORY_EXPLOSIVES',
      incident: 'tj-panj-2025-0147',
      items: [{ ammunition: { calibre: '7.62x39mm', quantity: 1200 } }],
    });
  });
});
