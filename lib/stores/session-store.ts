import { create } from 'zustand';

/**
 * Whether the session has expired mid-work. API calls that get a 401 wait on `whenRestored()` instead of
 * failing, so a half-filled form or a running upload simply continues after the sign-in dialog.
 */
interface SessionState {
  isExpired: boolean;
  /** The API's own words for the 401 (an expiry, or e.g. a renewed cloud session that cannot switch projects). */
  reason: string | null;
  waiters: Array<() => void>;
  whenRestored: (reason?: string) => Promise<void>;
  restore: () => void;
}

export const useSessionStore = create<SessionState>((set, get) => ({
  isExpired: false,
  reason: null,
  waiters: [],
  whenRestored: (reason) =>
    new Promise<void>((resolve) => {
      set({ isExpired: true, reason: get().reason ?? reason ?? null, waiters: [...get().waiters, resolve] });
    }),
  restore: () => {
    const waiters = get().waiters;
    set({ isExpired: false, reason: null, waiters: [] });
    waiters.forEach((w) => w());
  },
}));
