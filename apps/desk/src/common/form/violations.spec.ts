import { fieldId, groupViolations, parentPath, violationTarget } from './violations';

describe('violations at fields', () => {
  const known = new Set(['evaluation', 'texts', 'texts[0].headline', 'regions']);

  it('show at their own field', () => {
    expect(violationTarget('texts[0].headline', known)).toBe('texts[0].headline');
  });

  it('show at the nearest enclosing group the form has', () => {
    expect(violationTarget('evaluation', known)).toBe('evaluation');
    expect(violationTarget('evaluation.source', known)).toBe('evaluation');
    expect(violationTarget('texts[1].language', known)).toBe('texts');
  });

  it('show only in the summary when the form has no place for them', () => {
    expect(violationTarget('addressees', known)).toBeUndefined();
    const groups = groupViolations(
      [
        { field: 'evaluation', reason: 'is required' },
        { field: 'addressees', reason: 'must name a node' },
      ],
      known,
    );
    expect(groups.get('evaluation')).toEqual([{ field: 'evaluation', reason: 'is required' }]);
    expect(groups.get('')).toEqual([{ field: 'addressees', reason: 'must name a node' }]);
  });

  it('name fields by their path', () => {
    expect(fieldId('texts[0].headline')).toBe('field-texts-0-headline');
    expect(fieldId('area.points[1].lat')).toBe('field-area-points-1-lat');
    expect(parentPath('items[2].weapon.serialNumber')).toBe('items[2].weapon');
    expect(parentPath('items[2]')).toBe('items');
    expect(parentPath('items')).toBeUndefined();
  });
});
