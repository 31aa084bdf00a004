import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

const here = path.dirname(fileURLToPath(import.meta.url));
const areaNames = readdirSync(here, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** Each area module exports exactly one dictionary; its export name differs per area, so take the only value. */
async function areaDictionary(area: string, locale: 'zh-CN' | 'en'): Promise<Record<string, string>> {
  const mod = (await import(`./${area}/${locale}.ts`)) as Record<string, Record<string, string>>;
  const values = Object.values(mod);
  expect(values, `${area}/${locale}.ts exports one dictionary`).toHaveLength(1);
  return values[0]!;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message dictionaries', () => {
  it('zh-CN and en have the same keys', () => {
    const zhKeys = Object.keys(zhCN).sort();
    expect(Object.keys(en).sort(), 'en keys = zh-CN keys').toEqual(zhKeys);
  });

  it('every en message has the placeholders of its zh-CN message', () => {
    const zh: Record<string, string> = zhCN;
    const differing = Object.entries(en).filter(
      ([key, text]) => placeholders(text).join() !== placeholders(zh[key] ?? '').join(),
    );
    expect(
      differing.map(([key]) => key),
      'keys whose {placeholders} differ',
    ).toEqual([]);
  });

  it('each feature area has the same keys in both languages, no key in two areas, and all areas are merged', async () => {
    expect(areaNames.length, 'feature area folders').toBeGreaterThan(10);
    const owner = new Map<string, string>();
    for (const area of areaNames) {
      const zh = await areaDictionary(area, 'zh-CN');
      const english = await areaDictionary(area, 'en');
      expect(Object.keys(english).sort(), `${area}: en keys = zh-CN keys`).toEqual(Object.keys(zh).sort());
      for (const key of Object.keys(zh)) {
        expect(owner.get(key), `${key} is defined in ${owner.get(key)} and ${area}`).toBeUndefined();
        owner.set(key, area);
      }
    }
    expect([...owner.keys()].sort(), 'the merged dictionary holds every area key and no other').toEqual(
      Object.keys(zhCN).sort(),
    );
  });
});
