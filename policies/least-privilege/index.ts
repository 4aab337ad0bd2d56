import type { AnyRuleDefinition } from '../../src/engine/types.js';
import awsSecretsmanagerRotationOff from './aws-secretsmanager-rotation-off.js';
import awsIamFullAdmin from './aws-iam-full-admin.js';
import awsIamAdminPolicyAttachedToUser from './aws-iam-admin-policy-attached-to-user.js';
import awsIamPrivilegeEscalation from './aws-iam-privilege-escalation.js';
import awsIamDataExfiltration from './aws-iam-data-exfiltration.js';
import awsIamResourceExposure from './aws-iam-resource-exposure.js';
import awsIamCredentialsExposure from './aws-iam-credentials-exposure.js';
import awsIamServiceWildcard from './aws-iam-service-wildcard.js';
import awsIamUnattachedPolicyPermissive from './aws-iam-unattached-policy-permissive.js';
import awsIamRoleTrustAnyPrincipal from './aws-iam-role-trust-any-principal.js';
import awsIamRoleTrustCrossAccount from './aws-iam-role-trust-cross-account.js';
import awsIamRoleTrustNoExternalId from './aws-iam-role-trust-no-external-id.js';
import awsIamRootAccessKeys from './aws-iam-root-access-keys.js';
import awsIamRootMfaDisabled from './aws-iam-root-mfa-disabled.js';
import awsIamUserConsoleNoMfa from './aws-iam-user-console-no-mfa.js';
import awsIamAccessKeyOld from './aws-iam-access-key-old.js';
import awsIamCredentialsUnused from './aws-iam-credentials-unused.js';
import awsIamUserMultipleActiveKeys from './aws-iam-user-multiple-active-keys.js';
import awsIamUserDirectPolicies from './aws-iam-user-direct-policies.js';
import awsIamPasswordPolicyWeak from './aws-iam-password-policy-weak.js';
import gcpIamPublicMember from './gcp-iam-public-member.js';
import gcpIamPublicMemberResource from './gcp-iam-public-member-resource.js';
import gcpIamBasicRole from './gcp-iam-basic-role.js';
import gcpIamServiceAccountAdmin from './gcp-iam-service-account-admin.js';
import gcpIamUserManagedSaKey from './gcp-iam-user-managed-sa-key.js';
import gcpIamSaKeyOld from './gcp-iam-sa-key-old.js';
import gcpIamSaImpersonationProjectWide from './gcp-iam-sa-impersonation-project-wide.js';
import gcpIamExternalMember from './gcp-iam-external-member.js';
import awsElasticacheRedisAuthOff from './aws-elasticache-redis-auth-off.js';

/** The least-privilege pack: every rule module of this folder, listed explicitly (a meta test checks the list against the folder). */
export const rules: AnyRuleDefinition[] = [
  awsIamFullAdmin,
  awsIamAdminPolicyAttachedToUser,
  awsIamPrivilegeEscalation,
  awsIamDataExfiltration,
  awsIamResourceExposure,
  awsIamCredentialsExposure,
  awsIamServiceWildcard,
  awsIamUnattachedPolicyPermissive,
  awsIamRoleTrustAnyPrincipal,
  awsIamRoleTrustCrossAccount,
  awsIamRoleTrustNoExternalId,
  awsIamRootAccessKeys,
  awsIamRootMfaDisabled,
  awsIamUserConsoleNoMfa,
  awsIamAccessKeyOld,
  awsIamCredentialsUnused,
  awsIamUserMultipleActiveKeys,
  awsIamUserDirectPolicies,
  awsIamPasswordPolicyWeak,
  awsSecretsmanagerRotationOff,
  gcpIamPublicMember,
  gcpIamPublicMemberResource,
  gcpIamBasicRole,
  gcpIamServiceAccountAdmin,
  gcpIamUserManagedSaKey,
  gcpIamSaKeyOld,
  gcpIamSaImpersonationProjectWide,
  gcpIamExternalMember,
  awsElasticacheRedisAuthOff,
];
