import { create } from 'zustand';

/**
 * Whether the session has expired mid-work. API calls that get a 401 wait on `whenRestored()` instead of
 * failing, so a half-filled form or a running upload simply continues after the sign-in dialog.
 */
interface SessionState {
  isExpired: boolean;
  waiters: Array<() => void>;
  whenRestored: () => Promise<void>;
  restore: () => void;
}

export const useSessionStore = create<SessionState>((set, get) => ({
  isExpired: false,
  waiters: [],
  whenRestored: () =>
    new Promise<void>((resolve) => {
      set({ isExpired: true, waiters: [...get().waiters, resolve] });
    }),
  restore: () => {
    const waiters = get().waiters;
    set({ isExpired: false, waiters: [] });
    waiters.forEach((w) => w());
  },
}));
