import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes what needs quoting and neutralises formulas', () => {
    const csv = toCsv(['a', 'b'], [['x,y', 'say "hi"'], [null, '=SUM(A1)'], [1, '多行\n文本']]);
    expect(csv).toBe('\uFEFFa,b\r\n"x,y","say ""hi"""\r\n,\'=SUM(A1)\r\n1,"多行\n文本"\r\n');
  });
});
