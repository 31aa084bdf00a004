import { describe, expect, it } from 'vitest';
import { useSessionStore } from './session-store';

describe('session store', () => {
  it('holds every call that met a 401 with the first reason, and releases them all on restore', async () => {
    const store = useSessionStore.getState();
    let released = 0;
    const a = store
      .whenRestored('the cloud session was renewed and cannot switch projects: sign in again to switch')
      .then(() => released++);
    const b = useSessionStore
      .getState()
      .whenRestored('token expired')
      .then(() => released++);
    expect(useSessionStore.getState()).toMatchObject({
      isExpired: true,
      reason: expect.stringMatching(/sign in again to switch/),
    });
    await Promise.resolve();
    expect(released, 'nothing goes on before the user signs in').toBe(0);
    useSessionStore.getState().restore();
    await Promise.all([a, b]);
    expect(released).toBe(2);
    expect(useSessionStore.getState()).toMatchObject({ isExpired: false, reason: null, waiters: [] });
  });
});
