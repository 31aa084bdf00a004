import 'server-only';

/** The first usable host of an IPv4 CIDR (the gateway the clouds expect when none is given). */
export function firstHost(cidr: string): string {
  const [ip = '', bits = '32'] = cidr.split('/');
  const n = ip.split('.').reduce((a, o) => (a << 8) + Number(o), 0) >>> 0;
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  const h = ((n & mask) + 1) >>> 0;
  return [24, 16, 8, 0].map((s) => (h >>> s) & 255).join('.');
}

/** Whether two IPv4 CIDRs share an address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const parse = (c: string) => {
    const [ip = '', bits = '32'] = c.split('/');
    const n = ip.split('.').reduce((x, o) => (x << 8) + Number(o), 0) >>> 0;
    const size = 2 ** (32 - Number(bits));
    const start = n - (n % size);
    return [start, start + size - 1] as const;
  };
  const [s1, e1] = parse(a);
  const [s2, e2] = parse(b);
  return s1 <= e2 && s2 <= e1;
}
