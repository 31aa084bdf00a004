import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** Which tour runs, at which step, with the names it made up at its start (so a second run does not collide). */
export interface TourRun {
  tourId: string;
  step: number;
  /** A short random suffix for the names the tour creates (gis-net-<suffix>…). */
  suffix: string;
  memo: Record<string, string>;
}

interface TourState {
  run: TourRun | null;
  start: (tourId: string) => void;
  goto: (step: number) => void;
  close: () => void;
  remember: (key: string, value: string) => void;
}

const newSuffix = () => Math.random().toString(36).slice(2, 6);

/** Tour progress survives reloads (localStorage): a visitor or presenter picks up at the step they were on. */
export const useTourStore = create<TourState>()(
  persist(
    (set) => ({
      run: null,
      start: (tourId) => set({ run: { tourId, step: 0, suffix: newSuffix(), memo: {} } }),
      goto: (step) => set((s) => (s.run ? { run: { ...s.run, step: Math.max(0, step) } } : s)),
      close: () => set({ run: null }),
      remember: (key, value) => set((s) => (s.run ? { run: { ...s.run, memo: { ...s.run.memo, [key]: value } } } : s)),
    }),
    // Hydrated after mount (tour-engine.tsx): the server render has no storage, the first client render must match it.
    { name: 'yuntu-tour', storage: createJSONStorage(() => localStorage), skipHydration: true },
  ),
);
