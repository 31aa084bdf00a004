'use server';
import 'server-only';
import { demoOperations as demo } from '../operations/demo';
import { runAction, type ActionBody } from './run-action';

/* The presenter's panel: each runs the route's own operation (server/operations/demo.ts) through runAction. */

export async function resetDemoCloud(input: ActionBody<typeof demo.reset>) {
  return runAction(demo.reset, { body: input });
}

export async function setDemoFaultSwitches(input: ActionBody<typeof demo.setFaults>) {
  return runAction(demo.setFaults, { body: input });
}
