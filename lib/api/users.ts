import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role, SetupLink } from '@/lib/contract/auth';
import {
  createUser,
  deleteUser,
  disableUser,
  enableUser,
  issueSetupLink,
  removeMembership,
  resetUserPassword,
  setMembership,
  signOutUser,
  updateUser,
} from '@/server/actions/users';
import {
  changeOwnPassword as changeOwnPasswordAction,
  signOutEverywhere as signOutEverywhereAction,
} from '@/server/actions/auth';
import { callAction } from './action';
import { refreshAfterChange } from './refresh';
import { get } from './client';

export const userKeys = { all: ['users'] as const, projects: ['admin-projects'] as const };

export function useUsersQuery(enabled = true) {
  return useQuery({ queryKey: userKeys.all, queryFn: () => get('GET /users').then((r) => r.users), enabled });
}

export function useAllProjectsQuery(enabled = true) {
  return useQuery({
    queryKey: userKeys.projects,
    queryFn: () => get('GET /projects').then((r) => r.projects),
    enabled,
    staleTime: 60_000,
  });
}

export type UserAction =
  | { kind: 'create'; name: string; password?: string; setup?: 'link'; project_id: string; role: Role }
  | { kind: 'rename'; userId: string; name: string }
  | { kind: 'newLink'; userId: string }
  | { kind: 'disable' | 'enable' | 'delete' | 'signOut'; userId: string }
  | { kind: 'resetPassword'; userId: string; password: string }
  | { kind: 'setRole'; userId: string; projectId: string; role: Role }
  | { kind: 'removeMember'; userId: string; projectId: string };

/** One mutation for every admin action on users; the list is refetched after each. */
export function useUserActionMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (a: UserAction): Promise<{ ended_sessions?: number; setup_link?: SetupLink }> => {
      switch (a.kind) {
        case 'create':
          return callAction(() =>
            createUser(
              a.setup === 'link'
                ? { name: a.name, setup: 'link', project_id: a.project_id, role: a.role }
                : { name: a.name, password: a.password, project_id: a.project_id, role: a.role },
            ),
          ).then((r) => (r.setup_link ? { setup_link: r.setup_link } : {}));
        case 'rename':
          return callAction(() => updateUser(a.userId, { name: a.name })).then(() => ({}));
        case 'newLink':
          return callAction(() => issueSetupLink(a.userId));
        case 'disable':
          return callAction(() => disableUser(a.userId));
        case 'enable':
          return callAction(() => enableUser(a.userId));
        case 'delete':
          return callAction(() => deleteUser(a.userId)).then(() => ({}));
        case 'signOut':
          return callAction(() => signOutUser(a.userId));
        case 'resetPassword':
          return callAction(() => resetUserPassword(a.userId, { password: a.password }));
        case 'setRole':
          return callAction(() => setMembership(a.userId, a.projectId, { role: a.role }));
        case 'removeMember':
          return callAction(() => removeMembership(a.userId, a.projectId)).then(() => ({}));
      }
    },
    onSettled: () => refreshAfterChange(qc, userKeys.all),
  });
}

export const changeOwnPassword = (input: { current_password: string; new_password: string }) =>
  // isAuthCall: a wrong current password is a 400, but a 401 here must show, not wait for a new sign-in.
  callAction(() => changeOwnPasswordAction(input), { isAuthCall: true });

export const signOutEverywhere = () => callAction(() => signOutEverywhereAction(), { isAuthCall: true });
