import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export const wizardSteps = [
  'basics',
  'flavor',
  'image',
  'network',
  'storage',
  'security',
  'advanced',
  'review',
] as const;
export type WizardStep = (typeof wizardSteps)[number];

export type ExtraVolume =
  | { kind: 'new'; size_gb: number; name: string }
  | { kind: 'existing'; volume_id: string }
  | { kind: 'snapshot'; snapshot_id: string };

/** Everything the server wizard has collected so far; plain strings where the user types, so nothing typed is lost. */
export interface ServerDraft {
  name: string;
  description: string;
  datacenter_id: string;
  /** The compute host an administrator pins ('' = the scheduler chooses). */
  host: string;
  flavor_id: string;
  architecture: '' | 'x86_64' | 'aarch64';
  image_id: string;
  network_id: string;
  subnet_id: string;
  fixed_ip: string;
  boot_size_gb: string;
  extra_volumes: ExtraVolume[];
  security_group_ids: string[];
  /** One of the user's key pairs by name ('' = none); absent in a draft saved before key pairs existed. */
  key_name?: string;
  metadata: Array<{ key: string; value: string }>;
  user_data: string;
  /** One key per draft, so a retried submit (after a re-sign-in) cannot create the server twice. */
  idempotency_key: string;
}

export const emptyDraft = (): ServerDraft => ({
  name: '',
  description: '',
  datacenter_id: '',
  host: '',
  flavor_id: '',
  architecture: '',
  image_id: '',
  network_id: '',
  subnet_id: '',
  fixed_ip: '',
  boot_size_gb: '',
  extra_volumes: [],
  security_group_ids: [],
  key_name: '',
  metadata: [],
  user_data: '',
  idempotency_key: typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : String(Date.now()),
});

interface WizardState {
  draft: ServerDraft;
  update: (patch: Partial<ServerDraft>) => void;
  reset: () => void;
}

/** Wizard drafts survive navigating away and reloads (sessionStorage: per tab, gone when the tab closes). */
export const useWizardStore = create<WizardState>()(
  persist(
    (set) => ({
      draft: emptyDraft(),
      update: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
      reset: () => set({ draft: emptyDraft() }),
    }),
    { name: 'yuntu-server-wizard', storage: createJSONStorage(() => sessionStorage), skipHydration: true },
  ),
);
