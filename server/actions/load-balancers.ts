'use server';
import 'server-only';
import { loadBalancerOperations as loadBalancers } from '../operations/load-balancers';
import { runAction, type ActionBody } from './run-action';

/* The console's changes to load balancers, their listeners and members: each the route's own operation (server/operations/load-balancers.ts) run by runAction. */

export async function createLoadBalancer(input: ActionBody<typeof loadBalancers.create>, idempotencyKey?: string) {
  return runAction(loadBalancers.create, { body: input, idempotencyKey });
}

export async function deleteLoadBalancer(id: string) {
  return runAction(loadBalancers.remove, { params: { id } });
}

export async function addLoadBalancerListener(
  id: string,
  input: ActionBody<typeof loadBalancers.addListener>,
  idempotencyKey?: string,
) {
  return runAction(loadBalancers.addListener, { params: { id }, body: input, idempotencyKey });
}

export async function removeLoadBalancerListener(id: string, listenerId: string) {
  return runAction(loadBalancers.removeListener, { params: { id, listener_id: listenerId } });
}

export async function changeLoadBalancerMembers(id: string, input: ActionBody<typeof loadBalancers.changeMembers>) {
  return runAction(loadBalancers.changeMembers, { params: { id }, body: input });
}
