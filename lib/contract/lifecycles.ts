import { floatingIpRules } from './floating-ip';
import { imageRules } from './image';
import { loadBalancerRules } from './load-balancer';
import { publicIpRules } from './public-ip';
import { serverRules } from './server';
import { snapshotRules } from './snapshot';
import { volumeRules } from './volume';

/** Each resource's action-by-state table, by the `resource_type` the events stream and the audit log use. */
export const lifecycleRules = {
  server: serverRules,
  volume: volumeRules,
  snapshot: snapshotRules,
  image: imageRules,
  load_balancer: loadBalancerRules,
  public_ip: publicIpRules,
  floating_ip: floatingIpRules,
} as const;
export type LifecycleResource = keyof typeof lifecycleRules;

const movingSomewhere: ReadonlySet<string> = new Set(
  Object.values(lifecycleRules).flatMap((rules) =>
    (rules.statuses as readonly string[]).filter((s) => rules.isTransitional(s)),
  ),
);

/** Whether a status is still moving for any resource: for places that show a bare status without its resource. */
export const isTransitionalAnywhere = (status: string) => movingSomewhere.has(status);

/** Whether `status` of a resource of `resourceType` is still moving; a type without a table falls back to any resource's. */
export function isTransitionalStatus(resourceType: string, status: string): boolean {
  return Object.hasOwn(lifecycleRules, resourceType)
    ? lifecycleRules[resourceType as LifecycleResource].isTransitional(status)
    : isTransitionalAnywhere(status);
}
