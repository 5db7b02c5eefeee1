// The accounts a run acts in, as resolve.ts lists them and judge.ts judges an event's account.

/** One account a run may act in. */
export interface TargetAccount {
  id: string;
  name: string;
  /** Regions the playbooks act in there. */
  regions: string[];
  home: boolean;
  /** Listed but never acted on (reports say so). */
  exempt: boolean;
}

/** How an event's account relates to this deployment. */
export type AccountVerdict =
  | { kind: 'act'; account: TargetAccount }
  | { kind: 'exempt'; account: TargetAccount }
  | { kind: 'unknown'; accountId: string };

/** An Organizations account's state (State, or the older Status) is ACTIVE. */
export const isActive = (account: { Status?: string; State?: string }) =>
  (account.State ?? account.Status ?? 'ACTIVE') === 'ACTIVE';
