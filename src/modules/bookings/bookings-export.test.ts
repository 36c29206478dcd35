import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from './bookings-export.ts';

describe('neutraliseFormula', () => {
  it('prefixes an apostrophe to text a spreadsheet would run as a formula', () => {
    for (const value of ['=1+1', '+1', '-1', '@SUM(A1)', '\tcmd', '\rcmd']) {
      expect(neutraliseFormula(value)).toBe(`'${value}`);
    }
  });

  it('leaves other text as it is', () => {
    for (const value of ['Ana', '', '1+1', ' =1', 'a=b', "'quoted"]) {
      expect(neutraliseFormula(value)).toBe(value);
    }
  });
});
