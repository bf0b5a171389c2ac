import {
  FINDING_TYPE_LABELS,
  FINDING_TYPES,
  findingTypeLabel,
  isFindingType,
} from './findingTypes';

describe('finding types', () => {
  it('lists every labelled type once', () => {
    expect(new Set(FINDING_TYPES).size).toBe(FINDING_TYPES.length);
    expect(FINDING_TYPES).toHaveLength(Object.keys(FINDING_TYPE_LABELS).length);
    expect(FINDING_TYPES).toContain('unevaluable-source');
    for (const t of FINDING_TYPES) expect(FINDING_TYPE_LABELS[t]).toBeTruthy();
  });

  it('labels known types and passes unknown ones through', () => {
    expect(findingTypeLabel('missing-fixture')).toBe('Missing fixture');
    expect(findingTypeLabel('from-a-newer-engine')).toBe('from-a-newer-engine');
    expect(isFindingType('sync-error')).toBe(true);
    expect(isFindingType('toString')).toBe(false);
    expect(isFindingType(undefined)).toBe(false);
  });
});
