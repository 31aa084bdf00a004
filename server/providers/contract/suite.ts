import 'server-only';
import { describe, it } from 'vitest';
import { contractChecks, signInCheck, type ContractRun, type DriverHarness } from './checks';
import { importCheck } from './import-check';

export { contextOf, type DriverHarness } from './checks';

/**
 * The driver contract as a vitest suite: each driver's test file calls this with its harness (the simulator always;
 * OpenStack when OPENSTACK_AUTH_URL is set; the public clouds against their fakes). The checks themselves are in
 * checks.ts, framework-free, so the console's self-test runs the very same code against the live backend.
 */
export function driverContract(name: string, setup: () => Promise<DriverHarness>) {
  describe(`driver contract: ${name}`, () => {
    let run: ContractRun;
    it(signInCheck.name, async () => {
      const h = await setup();
      run = { h, ctx: await signInCheck.run(h) };
    });
    for (const check of contractChecks) it(check.name, () => check.run(run));
    // Test-only: it needs a source server the backend can reach on this machine's loopback (import-check.ts).
    it(importCheck.name, () => importCheck.run(run));
  });
}
