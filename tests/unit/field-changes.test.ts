import { describe, expect, it } from 'vitest';
import { contentChanges, fieldChanges, plainText } from '../../electron/api/domain/field-changes';

describe('one field diff for the audit log, the version history and exchange conflicts', () => {
  it('names only the fields that differ, in the order asked, with their values before and after', () => {
    const before = { womenCount: 14, notes: 'a', camp: 'al_hol' };
    const after = { womenCount: 16, notes: 'a', camp: 'roj' };
    expect(fieldChanges(before, after, ['camp', 'womenCount', 'notes'])).toEqual([
      { field: 'camp', from: 'al_hol', to: 'roj' },
      { field: 'womenCount', from: 14, to: 16 },
    ]);
  });

  it('compares every field of either side when none are named, and arrays by content', () => {
    const members = [{ name: 'A', title: 'x' }];
    expect(fieldChanges({ members, gone: 1 }, { members: [{ name: 'A', title: 'x' }], added: 2 })).toEqual([
      { field: 'gone', from: 1, to: undefined },
      { field: 'added', from: undefined, to: 2 },
    ]);
    expect(fieldChanges({ members }, { members: [{ name: 'A', title: 'y' }] })).toHaveLength(1);
  });

  it('treats a missing value and null alike (an unset optional field is not a change)', () => {
    expect(fieldChanges({ notes: null }, {}, ['notes'])).toEqual([]);
  });

  it('adds the manifest as one change of its length when any person differs', () => {
    const a = { fields: { womenCount: 1 }, persons: [{ name: 'x' }] };
    const b = { fields: { womenCount: 1 }, persons: [{ name: 'y' }, { name: 'z' }] };
    expect(contentChanges(a, b)).toEqual([{ field: 'persons', from: 1, to: 2 }]);
    expect(contentChanges(a, a)).toEqual([]);
  });

  it('writes values as one line of text: lists joined, records as JSON, nothing as empty', () => {
    expect(plainText(null)).toBe('');
    expect(plainText(undefined)).toBe('');
    expect(plainText(16)).toBe('16');
    expect(plainText('Semalka')).toBe('Semalka');
    expect(plainText(['a', 'b'])).toBe('a, b');
    expect(plainText([{ name: 'A' }])).toBe('[{"name":"A"}]');
  });
});
