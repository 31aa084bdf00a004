import { describe, expect, it } from 'vitest';
import { FloatingIpStatus } from './floating-ip';
import { ImageStatus, imageRules } from './image';
import { isTransitionalAnywhere, isTransitionalStatus, lifecycleRules } from './lifecycles';
import { LoadBalancerStatus, loadBalancerRules } from './load-balancer';
import { PublicIpStatus, publicIpRules } from './public-ip';
import { ServerStatus, serverActionAllowed, serverRules } from './server';
import { SnapshotStatus, snapshotRules } from './snapshot';
import { volumeAttachAllowed, volumeSnapshotAllowed, VolumeStatus, volumeRules } from './volume';

const enums = {
  server: ServerStatus.options,
  volume: VolumeStatus.options,
  snapshot: SnapshotStatus.options,
  image: ImageStatus.options,
  load_balancer: LoadBalancerStatus.options,
  public_ip: PublicIpStatus.options,
  floating_ip: FloatingIpStatus.options,
} as const;

/** The statuses of a table in which `action` is accepted, as a sorted list for readable failures. */
const where = (rules: { statuses: readonly string[]; allowed(a: never, s: string): boolean }, action: string) =>
  rules.statuses.filter((s) => rules.allowed(action as never, s)).sort();

describe('every resource table', () => {
  for (const [type, rules] of Object.entries(lifecycleRules)) {
    it(`${type}: has one row per status of the contract's enum, and every action is possible somewhere`, () => {
      expect([...rules.statuses].sort()).toEqual([...enums[type as keyof typeof enums]].sort());
      for (const action of rules.actions)
        expect(where(rules, action), `${type} ${action} is allowed in some status`).not.toEqual([]);
    });

    it(`${type}: nothing is allowed in a status the contract does not have, and it does not poll`, () => {
      for (const action of rules.actions) expect(rules.allowed(action as never, 'no-such-status')).toBe(false);
      expect(rules.isTransitional('no-such-status')).toBe(false);
    });
  }
});

describe('servers (B.2.1)', () => {
  it('accepts each action in exactly the statuses of the rule', () => {
    expect(where(serverRules, 'start')).toEqual(['stopped']);
    // Nova stops a server in error too; the console used to grey that out while the API accepted it.
    expect(where(serverRules, 'stop')).toEqual(['active', 'error']);
    expect(where(serverRules, 'reboot-soft')).toEqual(['active']);
    expect(where(serverRules, 'reboot-hard')).toEqual(['active', 'error', 'rebooting', 'stopped']);
    expect(where(serverRules, 'resize')).toEqual(['active', 'stopped']);
    expect(where(serverRules, 'live-migrate')).toEqual(['active']);
    expect(where(serverRules, 'create-image')).toEqual(['active', 'stopped']);
    expect(where(serverRules, 'attach-volume')).toEqual(['active', 'stopped']);
    expect(where(serverRules, 'delete')).toEqual(['active', 'building', 'error', 'rebooting', 'stopped']);
    expect(where(serverRules, 'update')).toEqual([
      'active',
      'building',
      'error',
      'migrating',
      'rebooting',
      'resizing',
      'stopped',
    ]);
  });

  it('polls exactly the moving statuses', () => {
    expect(ServerStatus.options.filter((s) => serverRules.isTransitional(s)).sort()).toEqual([
      'building',
      'deleting',
      'migrating',
      'rebooting',
      'resizing',
    ]);
  });

  it('gives the UI a message key with the status and the statuses that would do, and the API a 409 sentence naming them', () => {
    expect(serverRules.refusal('start', 'active')).toEqual({
      key: 'stateRules.refused',
      status: 'active',
      allowedIn: ['stopped'],
    });
    expect(serverRules.refusal('stop', 'error')).toBeNull();
    expect(serverRules.conflictMessage('reboot-soft', 'server web-1', 'stopped')).toBe(
      'cannot soft reboot server web-1: it is stopped (must be active)',
    );
    expect(serverRules.conflictMessage('resize', 'server web-1', 'error')).toBe(
      'cannot resize server web-1: it is error (must be active or stopped)',
    );
    expect(serverActionAllowed('delete', 'resizing')).toBe(false);
  });
});

describe('volumes (B.4)', () => {
  it('accepts each action in exactly the statuses of the rule', () => {
    expect(where(volumeRules, 'attach')).toEqual(['available', 'in-use']);
    expect(where(volumeRules, 'detach')).toEqual(['in-use']);
    expect(where(volumeRules, 'extend')).toEqual(['available', 'in-use']);
    // B.76: an attached volume is a 409; the console used to offer it and let the API refuse.
    expect(where(volumeRules, 'delete')).toEqual(['available', 'error']);
    expect(VolumeStatus.options.filter((s) => volumeRules.isTransitional(s)).sort()).toEqual([
      'attaching',
      'creating',
      'deleting',
      'detaching',
      'extending',
      'retyping',
    ]);
    expect(where(volumeRules, 'retype')).toEqual(['available', 'in-use']);
  });

  it('attaches an in-use volume again only when it is shareable', () => {
    expect(volumeAttachAllowed({ status: 'available', multiattach: false })).toBe(true);
    expect(volumeAttachAllowed({ status: 'in-use', multiattach: false })).toBe(false);
    expect(volumeAttachAllowed({ status: 'in-use', multiattach: true })).toBe(true);
    expect(volumeAttachAllowed({ status: 'error', multiattach: true })).toBe(false);
  });

  it('snapshots a resting volume, an attached one only with force (as Cinder)', () => {
    expect(where(volumeRules, 'snapshot')).toEqual(['available', 'in-use']);
    expect(volumeSnapshotAllowed({ status: 'available' }, false)).toBe(true);
    expect(volumeSnapshotAllowed({ status: 'in-use' }, false)).toBe(false);
    expect(volumeSnapshotAllowed({ status: 'in-use' }, true)).toBe(true);
    expect(volumeSnapshotAllowed({ status: 'creating' }, true)).toBe(false);
  });
});

describe('volume snapshots (extension)', () => {
  it('is used, renamed and deleted only at rest; an error one can still go', () => {
    expect(where(snapshotRules, 'create-volume')).toEqual(['available']);
    expect(where(snapshotRules, 'delete')).toEqual(['available', 'error']);
    expect(where(snapshotRules, 'update')).toEqual(['available', 'error']);
    expect(SnapshotStatus.options.filter((s) => snapshotRules.isTransitional(s)).sort()).toEqual([
      'creating',
      'deleting',
    ]);
    expect(snapshotRules.conflictMessage('create-volume', 'snapshot s1', 'creating')).toBe(
      'cannot create a volume from snapshot s1: it is creating (must be available)',
    );
  });
});

describe('images (B.2.3)', () => {
  it('takes a file only when queued, serves and boots only when active, and does not poll a queued image', () => {
    expect(where(imageRules, 'upload')).toEqual(['queued']);
    expect(where(imageRules, 'import')).toEqual(['queued']);
    expect(where(imageRules, 'download')).toEqual(['active']);
    expect(where(imageRules, 'launch')).toEqual(['active']);
    expect(where(imageRules, 'delete')).toEqual(['active', 'importing', 'killed', 'queued', 'saving', 'uploading']);
    expect(ImageStatus.options.filter((s) => imageRules.isTransitional(s)).sort()).toEqual([
      'importing',
      'saving',
      'uploading',
    ]);
  });
});

describe('load balancers and public IPs (B.3)', () => {
  it('changes a load balancer only while active, deletes it when active or in error', () => {
    expect(where(loadBalancerRules, 'change-members')).toEqual(['active']);
    expect(where(loadBalancerRules, 'change-listeners')).toEqual(['active']);
    expect(where(loadBalancerRules, 'delete')).toEqual(['active', 'error']);
    expect(LoadBalancerStatus.options.filter((s) => loadBalancerRules.isTransitional(s)).sort()).toEqual([
      'creating',
      'deleting',
      'updating',
    ]);
  });

  it('binds a free public IP, unbinds a bound one, and deletes only an unbound one (B.52)', () => {
    expect(where(publicIpRules, 'bind')).toEqual(['available']);
    expect(where(publicIpRules, 'unbind')).toEqual(['bound']);
    expect(where(publicIpRules, 'delete')).toEqual(['available', 'error']);
  });
});

describe('the events stream and the status badge', () => {
  it("decide by the event's resource type, so a status shared by two resources is judged by its own table", () => {
    expect(isTransitionalStatus('server', 'building')).toBe(true);
    expect(isTransitionalStatus('server', 'active')).toBe(false);
    expect(isTransitionalStatus('image', 'queued')).toBe(false);
    expect(isTransitionalStatus('load_balancer', 'updating')).toBe(true);
    expect(isTransitionalStatus('volume', 'in-use')).toBe(false);
  });

  it("fall back to any resource's moving statuses for a type without a table", () => {
    expect(isTransitionalStatus('network', 'deleting')).toBe(true);
    expect(isTransitionalStatus('network', 'active')).toBe(false);
    expect(isTransitionalAnywhere('extending')).toBe(true);
    expect(isTransitionalAnywhere('queued')).toBe(false);
    expect(isTransitionalAnywhere('success')).toBe(false);
  });
});
