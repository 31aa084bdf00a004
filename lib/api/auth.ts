import { useMutation, useQuery } from '@tanstack/react-query';
import type { Token } from '@/lib/contract/auth';
import { switchProject } from '@/server/actions/auth';
import { callAction } from './action';
import { api, get } from './client';
import { useAfterHydration } from './hydration';

export const authKeys = {
  all: ['auth'] as const,
  projects: (userId: string) => [...authKeys.all, 'projects', userId] as const,
};

export interface SignInInput {
  username: string;
  password: string;
  project_id?: string;
}
/**
 * Signs in and sets the httpOnly session cookie. Sign-in and sign-out stay REST calls, not server actions: sign-in is
 * the one public operation, its route-local spec reads `?session=cookie` and audits failed attempts with the client
 * address, and the re-sign-in dialog that unblocks waiting action calls must not itself wait on a session.
 */
export const signIn = (input: SignInInput) =>
  api<{ token: Token }>('/auth/tokens?session=cookie', { method: 'POST', json: input, isAuthCall: true });
/** The set-up page: consumes a one-time link with the chosen password and signs in (REST like sign-in: nobody is signed in yet). */
export const consumeSetupLink = (input: { token: string; password: string }) =>
  api<{ token: Token }>('/auth/setup-link?session=cookie', { method: 'POST', json: input, isAuthCall: true });
export const signOut = () => api<void>('/auth/tokens', { method: 'DELETE', isAuthCall: true });

/** Shared by the shell's project switcher and the pages (see useAfterHydration). */
export function useMyProjectsQuery(userId: string) {
  return useAfterHydration(
    useQuery({
      queryKey: authKeys.projects(userId),
      queryFn: () => get('GET /auth/projects').then((r) => r.projects),
      staleTime: 60_000,
    }),
  );
}

export function useSwitchProjectMutation() {
  // The action sets the new session cookie on its own response, as the route does with Set-Cookie.
  return useMutation({ mutationFn: (projectId: string) => callAction(() => switchProject({ project_id: projectId })) });
}
