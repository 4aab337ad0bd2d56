import rule from '../../../policies/least-privilege/gcp-iam-user-managed-sa-key.js';
import { gcpGap, saKey } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'system-managed key', resource: saKey('k1', { keyType: 'SYSTEM_MANAGED' }) }],
  invalid: [
    { name: 'user-managed key', resource: saKey('k2', {}), messageId: 'userManaged', evidence: { keyId: 'k2', keyType: 'USER_MANAGED' } },
    { name: 'disabled user-managed key still exists', resource: saKey('k3', { disabled: true }), messageId: 'userManaged', evidence: { disabled: true } },
  ],
  unknown: [
    { name: 'key type unreadable', resource: saKey('k4', { keyType: null }) },
    { name: 'keys not listable', coverage: [gcpGap(['gcp.iam.service-account-key'])] },
  ],
});
