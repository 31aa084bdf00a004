// Preloaded into the console by bench/openstack.mjs (NODE_OPTIONS=--import): appends one line per outgoing
// fetch to $YUNTU_BENCH_CALLS, so the benchmark can count the OpenStack calls each console request makes.
// A benchmark aid only; the console itself never loads it.
import fs from 'node:fs';
const file = process.env.YUNTU_BENCH_CALLS;
if (file && typeof globalThis.fetch === 'function') {
  const original = globalThis.fetch;
  globalThis.fetch = function countedFetch(input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    // Only calls to the cloud: the console's own health checks and Next.js internals stay out of the count.
    if (!url.includes('/api/v1/')) fs.appendFileSync(file, `${(init && init.method) || 'GET'} ${url}\n`);
    return original.call(this, input, init);
  };
}
