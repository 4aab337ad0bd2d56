import { defineRule } from '../../src/api/rule.js';
import { GCP_SERVICE_ACCOUNT_KEY } from '../../src/model/gcp.js';

export default defineRule({
  id: 'gcp-iam-user-managed-sa-key',
  title: 'Service account has a user-managed key',
  severity: 'medium',
  resourceTypes: [GCP_SERVICE_ACCOUNT_KEY],
  description:
    'Flags service-account keys of type `USER_MANAGED` (downloaded or uploaded keys that live outside Google). `SYSTEM_MANAGED` keys, which Google holds and rotates, pass. A key whose type could not be read is unknown (CIS GCP 1.4).',
  risk: 'A user-managed key is a long-lived bearer credential: it is copied into repositories, CI variables and laptops, does not expire by default, and anyone holding it acts as the service account from anywhere.',
  remediation: [
    'Delete the key and switch the workload to attached service accounts, Workload Identity Federation or short-lived impersonation tokens; block new keys with the `iam.disableServiceAccountKeyCreation` organization policy.',
    '',
    '- Console: IAM & Admin → Service accounts → the account → Keys → delete.',
    '- CLI: `gcloud iam service-accounts keys delete KEY_ID --iam-account=SA_EMAIL`',
    '- Terraform: remove `google_service_account_key`; use `google_iam_workload_identity_pool` instead.',
  ].join('\n'),
  references: [
    'https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys',
    'https://cloud.google.com/iam/docs/workload-identity-federation',
  ],
  messages: {
    userManaged: 'Service account {{account}} has a user-managed key {{key}} (created {{created}}).',
    systemManaged: 'Key {{key}} of {{account}} is Google-managed.',
    unreadable: 'The type of key {{key}} could not be read.',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(k) {
    const d = k.data;
    const base = { account: d.serviceAccount ?? 'unknown', key: d.keyId, created: d.validAfterTime ?? 'unknown' };
    if (d.keyType === null) return { status: 'unknown', messageId: 'unreadable', data: base };
    if (d.keyType !== 'USER_MANAGED') return { status: 'pass', messageId: 'systemManaged', data: base };
    return {
      status: 'fail',
      messageId: 'userManaged',
      data: base,
      evidence: {
        serviceAccount: d.serviceAccount,
        keyId: d.keyId,
        keyType: d.keyType,
        keyOrigin: d.keyOrigin,
        validAfterTime: d.validAfterTime,
        disabled: d.disabled,
      },
    };
  },
});
