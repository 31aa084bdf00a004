/**
 * The Huawei Cloud fake (tests/fakes/huaweicloud.ts) as a process of its own on a fixed loopback port, so a console
 * started beside it (`next start` with YUNTU_BACKEND=huaweicloud) can be pointed at it: the browser tests of
 * playwright.huawei.config.ts. Run with tsx: `tsx scripts/fake-cloud.mts`.
 *
 * FAKE_CLOUD_PORT (default 3341), FAKE_CLOUD_KEYS (`AK:SK,AK:SK`), FAKE_CLOUD_PROJECT_ID, FAKE_CLOUD_OBS_BUCKETS
 * (comma-separated buckets its OBS at `/obs` holds; default `yuntu-test`).
 */
import { startHuaweiFake } from '../tests/fakes/huaweicloud';

const port = Number(process.env.FAKE_CLOUD_PORT ?? 3341);
const keys = Object.fromEntries(
  (process.env.FAKE_CLOUD_KEYS ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split(':') as [string, string]),
);
if (Object.keys(keys).length === 0) throw new Error('FAKE_CLOUD_KEYS must name at least one AK:SK pair');
const projectId = process.env.FAKE_CLOUD_PROJECT_ID ?? '0605767a5c00d5762f1ac00e4b2cba6f';

// Jobs finish quickly, so a server created by a test is active within a second.
const obsBuckets = (process.env.FAKE_CLOUD_OBS_BUCKETS ?? 'yuntu-test').split(',').filter(Boolean);
const fake = await startHuaweiFake({ keys, projectId, delayMs: 100, port, obsBuckets });
console.log(`Huawei Cloud fake on ${fake.url} (endpoint template ${fake.endpointTemplate})`);

const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
