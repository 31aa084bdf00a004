/**
 * The simulator's status checks against the contract's tables, for every status × action. Over HTTP
 * (tests/http/state-tables.test.ts) only the statuses the simulator reaches can be walked; a server or a volume
 * `deleting` (deletion is synchronous) or in `error` (nothing in the simulator fails) is walked here, on the
 * check function the simulator's operations call before they change anything.
 */
import { describe, expect, it } from 'vitest';
import { ServerOperation, ServerStatus, serverRules } from '@/lib/contract/server';
import { VolumeOperation, VolumeStatus, volumeRules } from '@/lib/contract/volume';
import { CloudError } from '../errors';
import { requireServerStatus } from './servers';
import { requireVolumeStatus } from './volumes';

/** What a check answers: null when it lets the action through, else the error's kind and message. */
function outcome(check: () => void): { kind: string; message: string } | null {
  try {
    check();
    return null;
  } catch (e) {
    if (!(e instanceof CloudError)) throw e;
    return { kind: e.kind, message: e.message };
  }
}

describe('the simulator refuses exactly what the table refuses, with a 409 naming the status', () => {
  it('servers: every status × every action', () => {
    let walked = 0;
    for (const status of ServerStatus.options)
      for (const action of ServerOperation.options) {
        const r = outcome(() => requireServerStatus({ name: 'web-1', status }, action));
        walked++;
        if (serverRules.allowed(action, status)) expect(r, `${status} × ${action} is accepted`).toBeNull();
        else {
          expect(r?.kind, `${status} × ${action} is a conflict`).toBe('conflict');
          expect(r?.message, `${status} × ${action} names the server and its status`).toContain(
            `server web-1: it is ${status}`,
          );
        }
      }
    expect(walked).toBe(ServerStatus.options.length * ServerOperation.options.length);
  });

  it('servers the simulator never shows: deleting accepts nothing; error accepts stop, a hard reboot, update and delete', () => {
    for (const action of ServerOperation.options)
      expect(outcome(() => requireServerStatus({ name: 'gone', status: 'deleting' }, action))?.kind, action).toBe(
        'conflict',
      );
    const inError = ServerOperation.options.filter(
      (action) => outcome(() => requireServerStatus({ name: 'broken', status: 'error' }, action)) === null,
    );
    expect(inError.sort()).toEqual(['delete', 'reboot-hard', 'stop', 'update']);
  });

  it('volumes: every status × every action', () => {
    for (const status of VolumeStatus.options)
      for (const action of VolumeOperation.options) {
        const r = outcome(() => requireVolumeStatus({ id: 'v-1', name: 'data', status }, action));
        if (volumeRules.allowed(action, status)) expect(r, `${status} × ${action} is accepted`).toBeNull();
        else {
          expect(r?.kind, `${status} × ${action} is a conflict`).toBe('conflict');
          expect(r?.message, `${status} × ${action} names the volume and its status`).toContain(
            `volume data: it is ${status}`,
          );
        }
      }
  });

  it('volumes the simulator never shows: deleting accepts nothing; error is only deleted', () => {
    for (const action of VolumeOperation.options)
      expect(
        outcome(() => requireVolumeStatus({ id: 'v-2', name: '', status: 'deleting' }, action))?.message,
        action,
      ).toContain('volume v-2: it is deleting');
    expect(
      VolumeOperation.options.filter(
        (action) => outcome(() => requireVolumeStatus({ id: 'v-3', name: 'bad', status: 'error' }, action)) === null,
      ),
    ).toEqual(['delete']);
  });
});
