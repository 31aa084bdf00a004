/**
 * Action-by-state tables: each resource's contract file declares, once, which of its actions each status accepts
 * and which statuses are still moving. The simulator's 409s, the drivers' pre-checks, the UI's buttons and the
 * polling helpers all read the same table, so the console never offers what the API refuses.
 */

/** One status of a resource: whether it is still moving (poll it, show a spinner) and the actions it accepts. */
export interface StateRow<A extends string> {
  readonly transitional: boolean;
  readonly allows: readonly A[];
}

/** Why an action is refused, for the UI: the message key and what fills it (statuses still to be translated). */
export interface StateRefusal<S extends string> {
  key: 'stateRules.refused';
  status: S;
  allowedIn: readonly S[];
}

export interface StateRules<S extends string, A extends string> {
  readonly statuses: readonly S[];
  readonly actions: readonly A[];
  /** Whether `action` is accepted in `status`; an unknown status accepts nothing. */
  allowed(action: A, status: string): boolean;
  /** The statuses that accept `action`, in the table's order. */
  allowedIn(action: A): readonly S[];
  /** Whether `status` is still moving; an unknown status is not (it would poll forever). */
  isTransitional(status: string): boolean;
  /** Null when allowed, else the reason for the UI's tooltip. */
  refusal(action: A, status: S): StateRefusal<S> | null;
  /** The API's 409 sentence, naming the resource, its status and the statuses that would do. */
  conflictMessage(action: A, resource: string, status: string): string;
}

/**
 * Builds the functions of one resource's table. `verbs` is the English verb of each action for the 409 sentence
 * ("cannot soft reboot server web-1: it is stopped (must be active)").
 */
export function stateRules<S extends string, A extends string>(
  table: Readonly<Record<S, StateRow<A>>>,
  actions: readonly A[],
  verbs: Readonly<Record<A, string>>,
): StateRules<S, A> {
  const statuses = Object.keys(table) as S[];
  const row = (status: string): StateRow<A> | undefined =>
    Object.hasOwn(table, status) ? table[status as S] : undefined;
  const allowedIn = (action: A) => statuses.filter((s) => table[s].allows.includes(action));
  return {
    statuses,
    actions,
    allowed: (action, status) => row(status)?.allows.includes(action) ?? false,
    allowedIn,
    isTransitional: (status) => row(status)?.transitional ?? false,
    refusal: (action, status) =>
      row(status)?.allows.includes(action) ? null : { key: 'stateRules.refused', status, allowedIn: allowedIn(action) },
    conflictMessage: (action, resource, status) =>
      `cannot ${verbs[action]} ${resource}: it is ${status} (must be ${allowedIn(action).join(' or ')})`,
  };
}
