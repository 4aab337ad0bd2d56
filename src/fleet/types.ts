import type { Shard } from './shard.js';

/**
 * What happened to one account of a fleet run:
 * - `audited`: collected (its own coverage entries say how completely);
 * - `failed`: the audit role could not be assumed or the account could not be identified (one coverage gap
 *   over every AWS type: its rules report unknown);
 * - `inactive`: suspended or closing, not audited (not a gap: it cannot hold running resources);
 * - `other-shard`: listed, but another shard of the run owns it;
 * - `missing`: (merged runs) its shard never reported: a coverage gap like `failed`.
 */
export type FleetOutcome = 'audited' | 'failed' | 'inactive' | 'other-shard' | 'missing';

export interface FleetAccount {
  id: string;
  /** Account name (attacker-controlled: escape on output). */
  name: string | null;
  /** OU names from the root down (empty: directly under the root). */
  ouPath: string[];
  status: string;
  /** The shard that owns it (rendezvous hashing over the account id), when the run is sharded. */
  shard?: number;
  outcome: FleetOutcome;
  /** For `failed`: why (error code and message, secret-free). */
  reason?: string;
}

/**
 * Fleet metadata of a snapshot (`stats.fleet`): the organization as this run listed it, which accounts this
 * process audited, and the shard / run it belongs to. `vigil report` merges the shards of a run with it and
 * names the shards, and so the accounts, that are missing.
 */
export interface FleetInfo {
  provider: 'aws';
  organizationId: string | null;
  runId?: string;
  shard?: Shard;
  roleName: string;
  accounts: FleetAccount[];
}

/** Scope `detail` keys a fleet adds to each account's snapshot scope (the reports group by them). */
export interface FleetScopeDetail {
  accountName?: string | null;
  organizationId?: string | null;
  ouPath?: string[];
  /** `failed` accounts have a scope too, so every report lists them. */
  fleetOutcome?: FleetOutcome;
}
