/**
 * Resolves an IAM identity in a snapshot to the union of its policies: inline, attached managed and, for
 * users, every group's inline and attached policies; plus its permissions boundary.
 * A policy that cannot be resolved (not in the snapshot, or its document unreadable) is listed in `missing`:
 * rules then never pass the identity (they fail on what they can see, or say `unknown`).
 */
import {
  IAM_GROUP,
  IAM_POLICY,
  IAM_ROLE,
  IAM_USER,
  type IamGroupData,
  type IamIdentityBase,
  type IamRoleData,
  type IamUserData,
} from '../../src/model/aws/iam.js';
import type { Resource } from '../../src/model/types.js';
import { defineDerivation } from '../../src/engine/derive.js';
import type { SnapshotIndex } from '../../src/engine/types.js';
import { PermissionSet, type SourcedDocument } from './iam-policy.js';

export type IamIdentityData = IamUserData | IamGroupData | IamRoleData;

export interface ResolvedIdentity {
  /** `user/alice`, `group/developers`, `role/ci`. */
  label: string;
  kind: 'user' | 'group' | 'role';
  set: PermissionSet;
  /** Policies that could not be resolved, e.g. `managed policy arn:… (not in snapshot)`. */
  missing: string[];
  /** Number of policy documents in the union. */
  policyCount: number;
}

const KIND: Record<string, ResolvedIdentity['kind']> = { [IAM_USER]: 'user', [IAM_GROUP]: 'group', [IAM_ROLE]: 'role' };

export function identityLabel(r: Resource): string {
  return `${KIND[r.ref.type] ?? r.ref.type}/${r.ref.id}`;
}

function policiesOf(label: string, data: IamIdentityBase, account: string, index: SnapshotIndex, docs: SourcedDocument[], missing: string[]): void {
  for (const p of data.inlinePolicies) {
    if (p.document) docs.push({ source: { identity: label, policy: p.name, kind: 'inline' }, document: p.document });
    else missing.push(`${label}: inline policy ${p.name} (document unreadable)`);
  }
  for (const a of data.attachedPolicies) {
    const doc = index.get(IAM_POLICY, a.arn, account)?.data.document;
    if (doc) docs.push({ source: { identity: label, policy: a.name, policyArn: a.arn, kind: 'managed' }, document: doc });
    else missing.push(`${label}: managed policy ${a.arn} (not collected or unreadable)`);
  }
}

/**
 * Resolved identities of one snapshot, derived once per evaluation ({@link IAM_IDENTITIES}): every rule over
 * an identity shares its resolution (and the permission set's per-action memo) for this evaluation only.
 */
export class IdentityResolver {
  private readonly resolved = new WeakMap<Resource, ResolvedIdentity>();
  constructor(readonly index: SnapshotIndex) {}
  resolve(resource: Resource): ResolvedIdentity {
    let r = this.resolved.get(resource);
    if (!r) this.resolved.set(resource, (r = resolveIdentity(resource, this.index)));
    return r;
  }
}

/** Derived once per evaluation for the identity rules (list it in a rule's `derives`). */
export const IAM_IDENTITIES = defineDerivation({
  id: 'iam-identities',
  inputs: [IAM_USER, IAM_GROUP, IAM_ROLE, IAM_POLICY],
  compute: (index) => new IdentityResolver(index),
});

/** The identity's effective policy set: its inline and attached policies, its groups' (users), its permissions boundary. */
export function resolveIdentity(resource: Resource, index: SnapshotIndex): ResolvedIdentity {
  const label = identityLabel(resource);
  const kind = KIND[resource.ref.type];
  if (!kind) throw new Error(`not an IAM identity: ${resource.ref.type}`);
  const data = resource.data as unknown as IamIdentityData;
  const account = resource.ref.account;
  const docs: SourcedDocument[] = [];
  const missing: string[] = [];
  policiesOf(label, data, account, index, docs, missing);
  if (kind === 'user') {
    for (const g of (data as IamUserData).groups) {
      const group = index.get(IAM_GROUP, g, account);
      if (group) policiesOf(`group/${g}`, group.data as unknown as IamGroupData, account, index, docs, missing);
      else missing.push(`${label}: group ${g} (not collected)`);
    }
  }
  let boundary: SourcedDocument | undefined;
  const boundaryArn = kind === 'group' ? null : (data as IamUserData | IamRoleData).permissionsBoundary;
  if (boundaryArn) {
    const p = index.get(IAM_POLICY, boundaryArn, account);
    // An unresolved boundary is ignored: that can only over-report, never hide a grant.
    if (p?.data.document) boundary = { source: { identity: label, policy: p.data.name, policyArn: boundaryArn, kind: 'boundary' }, document: p.data.document };
  }
  return { label, kind, set: new PermissionSet(label, docs, boundary), missing, policyCount: docs.length };
}

/** AWS-managed service-linked roles are owned and scoped by AWS; the policy rules skip them by default. */
export function isServiceLinkedRole(r: Resource): boolean {
  return r.ref.type === IAM_ROLE && (r.data as unknown as IamRoleData).serviceLinked === true;
}
