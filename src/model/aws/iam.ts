/**
 * AWS IAM resource types, written by `src/collectors/aws/iam.ts`.
 *
 * - `aws.iam.user`, `aws.iam.group`, `aws.iam.role`: identities with their inline policies (parsed) and the
 *   ARNs of their attached managed policies; `ref.id` is the identity's name (unique per account).
 * - `aws.iam.policy`: managed policies (every customer-managed one, and the AWS-managed ones in use), with the
 *   default version's parsed document; `ref.id` is the policy ARN (a customer and an AWS policy can share a name).
 * - `aws.iam.account`: one per account (`ref.id` = account id, region `global`): root facts and password policy.
 *
 * All in region `global`. A piece that could not be read is `null`, with a coverage entry.
 */
import type { InputTypeInfo, TypeTable } from '../type-info.js';

export const IAM_USER = 'aws.iam.user' as const;
export const IAM_GROUP = 'aws.iam.group' as const;
export const IAM_ROLE = 'aws.iam.role' as const;
export const IAM_POLICY = 'aws.iam.policy' as const;
export const IAM_ACCOUNT = 'aws.iam.account' as const;

/**
 * Virtual input types: they have no resources of their own, only coverage entries. A rule that needs a
 * piece of data lists its type in `inputs`, so a failed read makes exactly those rules `unknown`.
 * - credential report: the `credentials` of users and the `credentialReport` of the account;
 * - account summary: `summary` of the account;
 * - password policy: `passwordPolicy` of the account.
 */
export const IAM_CREDENTIAL_REPORT = 'aws.iam.credential-report' as const;
export const IAM_ACCOUNT_SUMMARY = 'aws.iam.account-summary' as const;
export const IAM_PASSWORD_POLICY = 'aws.iam.password-policy' as const;

/**
 * A principal block, normalized: every present key holds an array.
 * `"Principal": "*"` is stored as `{ AWS: ['*'] }` (AWS documents the two as equivalent).
 */
export interface IamPrincipal {
  AWS?: string[];
  Service?: string[];
  Federated?: string[];
  CanonicalUser?: string[];
}

/** Condition block: operator (e.g. `StringEquals`) → condition key → values (always strings, always an array). */
export type IamCondition = Record<string, Record<string, string[]>>;

/** One statement, normalized: single strings become arrays, `Effect` is `Allow` or `Deny`. */
export interface IamStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  /** Exactly one of `Action` / `NotAction` is set in a valid statement. */
  Action?: string[];
  NotAction?: string[];
  /** Absent in trust policies. */
  Resource?: string[];
  NotResource?: string[];
  /** Resource-based and trust policies only. */
  Principal?: IamPrincipal;
  NotPrincipal?: IamPrincipal;
  Condition?: IamCondition;
}

/** A policy document, URL-decoded once and normalized (`Statement` is always an array). */
export interface IamPolicyDocument {
  Version?: string;
  Id?: string;
  Statement: IamStatement[];
}

/** An inline policy embedded in a user, group or role. */
export interface IamInlinePolicy {
  name: string;
  /** `null` when the document could not be parsed (a coverage entry names the identity). */
  document: IamPolicyDocument | null;
}

/** A managed policy attached to an identity; its document is on the `aws.iam.policy` resource with this ARN. */
export interface IamAttachedPolicy {
  name: string;
  arn: string;
}

/** One access key slot of the credential report. */
export interface IamAccessKeyFacts {
  /** 1 or 2: the credential report has two slots. */
  slot: 1 | 2;
  active: boolean;
  /** ISO date the key was created or last rotated; `null` when the report says `N/A` (unknown, not a date). */
  lastRotated: string | null;
  /** ISO date of last use; `null` when `N/A` / `no_information` (never used or unknown). */
  lastUsed: string | null;
  lastUsedService: string | null;
  lastUsedRegion: string | null;
}

/** Facts from one row of the credential report (a user, or the root account). */
export interface IamCredentialFacts {
  /** ISO creation time of the user (or root). */
  createdAt: string | null;
  /** `null` when the report says `not_supported` (root) or the value is unreadable. */
  passwordEnabled: boolean | null;
  /** `null`: `N/A`, `no_information` or `not_supported` — never used, or unknown. */
  passwordLastUsed: string | null;
  passwordLastChanged: string | null;
  mfaActive: boolean | null;
  /** Slots that hold a key (active or inactive); a slot with `N/A` rotation and inactive is omitted. */
  accessKeys: IamAccessKeyFacts[];
}

export interface IamIdentityBase {
  name: string;
  /** Stable IAM id (`AIDA…`, `AGPA…`, `AROA…`). */
  id: string | null;
  arn: string;
  path: string;
  createDate: string | null;
  inlinePolicies: IamInlinePolicy[];
  attachedPolicies: IamAttachedPolicy[];
}

/** `aws.iam.user` */
export interface IamUserData extends IamIdentityBase {
  /** Names of the groups the user belongs to. */
  groups: string[];
  /** ARN of the permissions boundary policy, `null` when none is set. */
  permissionsBoundary: string | null;
  /**
   * Credential-report facts. `null` when the report could not be read (coverage on
   * `aws.iam.credential-report`) or did not list this user.
   */
  credentials: IamCredentialFacts | null;
}

/** `aws.iam.group` */
export interface IamGroupData extends IamIdentityBase {
  /** Users in the group, derived from every user's group list in the same response. */
  members: string[];
}

/** `aws.iam.role` */
export interface IamRoleData extends IamIdentityBase {
  /** Who may assume the role. `null` when the document could not be parsed. */
  trustPolicy: IamPolicyDocument | null;
  permissionsBoundary: string | null;
  instanceProfiles: { name: string; arn: string }[];
  /** `null` when AWS did not report it; `date` is `null` when the role was never used (in the tracking window). */
  lastUsed: { date: string | null; region: string | null } | null;
  /** Under `/aws-service-role/`: created and owned by an AWS service, not editable by the account. */
  serviceLinked: boolean;
  maxSessionDuration: number | null;
}

/** `aws.iam.policy` */
export interface IamManagedPolicyData {
  name: string;
  id: string | null;
  arn: string;
  path: string;
  /** `true` for policies owned by AWS (`arn:aws:iam::aws:policy/…`). */
  awsManaged: boolean;
  defaultVersionId: string | null;
  /** The default version's document; `null` when it could not be found or parsed. */
  document: IamPolicyDocument | null;
  /** Users, groups and roles the policy is attached to. */
  attachmentCount: number;
  /** Identities that use the policy as a permissions boundary. */
  permissionsBoundaryUsageCount: number;
  isAttachable: boolean | null;
  createDate: string | null;
  updateDate: string | null;
}

/** Password policy: `set: false` is the fact "no policy set" (AWS then applies its default rules). */
export type IamPasswordPolicy =
  | { set: false }
  | {
      set: true;
      minimumPasswordLength: number | null;
      requireSymbols: boolean | null;
      requireNumbers: boolean | null;
      requireUppercaseCharacters: boolean | null;
      requireLowercaseCharacters: boolean | null;
      allowUsersToChangePassword: boolean | null;
      expirePasswords: boolean | null;
      maxPasswordAge: number | null;
      /** Number of previous passwords that cannot be reused; `null` when not set. */
      passwordReusePrevention: number | null;
      hardExpiry: boolean | null;
    };

/** `aws.iam.account` */
export interface IamAccountData {
  /** From GetAccountSummary; `null` when it could not be read. */
  summary: {
    accountMfaEnabled: boolean | null;
    accountAccessKeysPresent: boolean | null;
    users: number | null;
    roles: number | null;
    groups: number | null;
    policies: number | null;
  } | null;
  /**
   * From the credential report; `null` when it could not be read. `root` is `null` when the report has
   * no `<root_account>` row (some emulators omit it): root facts then come from `summary` alone.
   */
  credentialReport: { generatedAt: string | null; root: IamCredentialFacts | null } | null;
  /** `null` when it could not be read; `{ set: false }` when the account has none. */
  passwordPolicy: IamPasswordPolicy | null;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface IamDataByType {
  [IAM_USER]: IamUserData;
  [IAM_GROUP]: IamGroupData;
  [IAM_ROLE]: IamRoleData;
  [IAM_POLICY]: IamManagedPolicyData;
  [IAM_ACCOUNT]: IamAccountData;
}

export const IAM_TYPES: TypeTable<IamDataByType> = {
  [IAM_USER]: { provider: 'aws', scope: 'global', version: 1, description: 'IAM users' },
  [IAM_GROUP]: { provider: 'aws', scope: 'global', version: 1, description: 'IAM groups' },
  [IAM_ROLE]: { provider: 'aws', scope: 'global', version: 1, description: 'IAM roles' },
  [IAM_POLICY]: { provider: 'aws', scope: 'global', version: 1, description: 'IAM managed policies in use or customer-managed' },
  [IAM_ACCOUNT]: { provider: 'aws', scope: 'global', version: 1, description: 'Account-level IAM facts: root, password policy, summary' },
};

export const IAM_INPUT_TYPES = {
  [IAM_CREDENTIAL_REPORT]: { provider: 'aws', scope: 'global', description: 'The IAM credential report' },
  [IAM_ACCOUNT_SUMMARY]: { provider: 'aws', scope: 'global', description: 'GetAccountSummary' },
  [IAM_PASSWORD_POLICY]: { provider: 'aws', scope: 'global', description: 'GetAccountPasswordPolicy' },
} as const satisfies Record<string, InputTypeInfo>;
