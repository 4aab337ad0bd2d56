import type { Account, OrganizationsClient } from '@aws-sdk/client-organizations';

/** One account of the organization, as listed (names are attacker-controlled: escape on output). */
export interface OrgAccount {
  id: string;
  name: string | null;
  /** `ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE`… (the newer `State` when AWS returns it, else `Status`). */
  status: string;
  /** Parent OU (or root) id. */
  parentId: string;
  /** OU names from the root down to the parent (empty for an account directly under the root). */
  ouPath: string[];
}

export interface OrgListing {
  /** `o-…`, read from the account ARNs; null when AWS gave none. */
  organizationId: string | null;
  accounts: OrgAccount[];
}

/** Root (`r-…`) or organizational unit (`ou-…`) id, as AWS documents them. */
export const PARENT_ID = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;

async function allPages<T>(fetch: (token?: string) => Promise<{ items?: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await fetch(token);
    out.push(...(page.items ?? []));
    token = page.next;
    // A token that comes back twice would loop forever: stop with an error rather than spin.
    if (token && seen.has(token)) throw Object.assign(new Error('Organizations returned the same page token twice'), { name: 'PaginationLoop' });
    if (token) seen.add(token);
  } while (token);
  return out;
}

/**
 * Lists the organization's accounts by walking the OU tree from the roots (or from `ous`), every page of
 * `ListOrganizationalUnitsForParent` and `ListAccountsForParent`. Every account has exactly one parent, so
 * the walk from the roots yields the same accounts as `ListAccounts` while also giving each account its OU
 * path (the reports group by it) in calls proportional to the number of OUs, not of accounts.
 * Any failure throws: an organization listed in part would silently leave accounts out of the audit.
 */
export async function listOrganizationAccounts(client: OrganizationsClient, ous?: string[]): Promise<OrgListing> {
  const { DescribeOrganizationalUnitCommand, ListAccountsForParentCommand, ListOrganizationalUnitsForParentCommand, ListRootsCommand } =
    await import('@aws-sdk/client-organizations');
  let starts: { id: string; path: string[] }[];
  if (ous?.length) {
    starts = [];
    for (const id of ous) {
      if (id.startsWith('r-')) {
        starts.push({ id, path: [] });
        continue;
      }
      const ou = await client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: id }));
      starts.push({ id, path: [ou.OrganizationalUnit?.Name ?? id] });
    }
  } else {
    const roots = await allPages(async (NextToken) => {
      const r = await client.send(new ListRootsCommand({ NextToken }));
      return { items: r.Roots, next: r.NextToken };
    });
    starts = roots.filter((r) => r.Id).map((r) => ({ id: r.Id!, path: [] }));
  }

  const byId = new Map<string, OrgAccount>();
  let organizationId: string | null = null;
  const visited = new Set<string>();
  const queue = [...starts];
  while (queue.length) {
    const parent = queue.shift()!;
    if (visited.has(parent.id)) continue; // --ous naming an OU and one of its descendants
    visited.add(parent.id);
    const accounts = await allPages<Account>(async (NextToken) => {
      const r = await client.send(new ListAccountsForParentCommand({ ParentId: parent.id, NextToken }));
      return { items: r.Accounts, next: r.NextToken };
    });
    for (const a of accounts) {
      if (!a.Id) continue;
      organizationId ??= /:account\/(o-[a-z0-9]+)\//.exec(a.Arn ?? '')?.[1] ?? null;
      const state = (a as { State?: string }).State;
      byId.set(a.Id, { id: a.Id, name: a.Name ?? null, status: state ?? a.Status ?? 'UNKNOWN', parentId: parent.id, ouPath: parent.path });
    }
    const children = await allPages(async (NextToken) => {
      const r = await client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parent.id, NextToken }));
      return { items: r.OrganizationalUnits, next: r.NextToken };
    });
    for (const ou of children) if (ou.Id) queue.push({ id: ou.Id, path: [...parent.path, ou.Name ?? ou.Id] });
  }
  const accounts = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  return { organizationId, accounts };
}
