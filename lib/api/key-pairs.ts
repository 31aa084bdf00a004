import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { KeyPair, KeyPairCreateInput } from '@/lib/contract/key-pair';
import { createKeyPair, deleteKeyPair } from '@/server/actions/key-pairs';
import { callAction } from './action';
import { retryUnlessUnsupported } from './capabilities';
import { get } from './client';
import type { ListParams, Page } from './list';
import { refreshAfterChange } from './refresh';

/** Key pairs are the signed-in user's (as in Nova), the same in every project: keyed by user, not project. */
export const keyPairKeys = {
  all: ['key-pairs'] as const,
  list: (userId: string, params: ListParams) => [...keyPairKeys.all, userId, 'list', params] as const,
};

export const fetchKeyPairs = async (params: ListParams): Promise<Page<KeyPair>> => {
  const r = await get('GET /key-pairs', { query: params });
  return { items: r.key_pairs, total: r.total_count };
};

export function useKeyPairsQuery(userId: string, params: ListParams = { limit: 100 }, enabled = true) {
  return useQuery({
    queryKey: keyPairKeys.list(userId, params),
    queryFn: () => fetchKeyPairs(params),
    enabled,
    retry: retryUnlessUnsupported,
    placeholderData: (prev) => prev,
  });
}

/** The answer holds the private key of a generated pair: the caller shows it once, React Query never caches it. */
export function useCreateKeyPairMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: KeyPairCreateInput) => callAction(() => createKeyPair(input)).then((r) => r.key_pair),
    onSettled: () => refreshAfterChange(qc, keyPairKeys.all),
  });
}

export function useDeleteKeyPairMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => callAction(() => deleteKeyPair(name)),
    onSettled: () => refreshAfterChange(qc, keyPairKeys.all),
  });
}
