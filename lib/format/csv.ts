/** RFC 4180 CSV: fields with commas, quotes or line breaks are quoted; a BOM lets Excel read UTF-8 Chinese. */
export function toCsv(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cell = (v: string | number | null | undefined) => {
    const s = v === null || v === undefined ? '' : String(v);
    // A leading = + - @ (or a TAB, CR or LF before one, which spreadsheets skip) would run as a formula; a quote
    // prefix keeps it text (OWASP's CSV-injection list). Full-width ＝＋－＠ are read as formulas by some too.
    // Numbers are left alone: -5 is a value, not a formula.
    const safe = typeof v === 'string' && /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
