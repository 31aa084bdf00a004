'use server';
import 'server-only';
import { capabilityOperations as capabilities } from '../operations/capabilities';
import { runAction } from './run-action';

/* The capabilities page's conformance self-test (administrators): the route's own operation run by runAction. */

export async function runSelfTest() {
  return runAction(capabilities.selfTest, {});
}
