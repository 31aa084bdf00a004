import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes what needs quoting and neutralises formulas', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['x,y', 'say "hi"'],
        [null, '=SUM(A1)'],
        [1, '多行\n文本'],
      ],
    );
    expect(csv).toBe('\uFEFFa,b\r\n"x,y","say ""hi"""\r\n,\'=SUM(A1)\r\n1,"多行\n文本"\r\n');
  });
});

describe('toCsv formula guard', () => {
  // Failed sign-ins put anyone's text (the user name) into the audit CSV: each of these would run in a spreadsheet.
  it.each(['=1+1', '+1', '-1+2', '@SUM(A1)', '\t=cmd|calc', '\r=1+1', '\n=1+1', '＝1+1', '＠A1'])(
    'keeps %j as text',
    (text) => {
      const line = toCsv(['user'], [[text]]).split('\r\n')[1]!;
      expect(line.replace(/^"/, '').startsWith("'")).toBe(true);
    },
  );
  it('leaves numbers and harmless text alone', () => {
    expect(toCsv(['n', 's'], [[-5, 'alice']]).split('\r\n')[1]).toBe('-5,alice');
  });
});
