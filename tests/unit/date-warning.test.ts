import { describe, expect, it } from 'vitest';
import { dateWarning } from '../../renderer/src/lib/date-warning';

describe('dateWarning', () => {
  it.each([
    ['2023-02-16', null],
    ['2026-11-25', null],
    ['2026-11-26', 'future_date'],
    ['2013-12-31', 'early_date'],
    ['2014-01-01', null],
    ['', null],
    ['16/02/2023', null],
  ])('%s → %s', (date, expected) => {
    expect(dateWarning(date, '2026-11-25')).toBe(expected);
  });
});
