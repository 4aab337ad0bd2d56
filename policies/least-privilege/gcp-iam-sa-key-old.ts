import { defineRule } from '../../src/api/rule.js';
import { GCP_SERVICE_ACCOUNT_KEY } from '../../src/model/gcp.js';

const DAY = 86_400_000;

export default defineRule({
  id: 'gcp-iam-sa-key-old',
  title: 'User-managed service account key older than 90 days',
  severity: 'medium',
  resourceTypes: [GCP_SERVICE_ACCOUNT_KEY],
  description:
    'Flags `USER_MANAGED` service-account keys created (`validAfterTime`) more than `maxAgeDays` (default 90) days ago, disabled or not (a disabled key can be re-enabled). Google-managed keys rotate automatically and are not applicable. A key whose type or creation time could not be read is unknown (CIS GCP 1.7).',
  risk: 'The older a key, the more copies of it exist in places nobody tracks; a key leaked long ago keeps working until it is rotated.',
  remediation: [
    'Rotate: create a new key (or better, move to keyless authentication), roll it out, then delete the old one.',
    '',
    '- Console: IAM & Admin → Service accounts → the account → Keys → Add key, then delete the old key.',
    '- CLI: `gcloud iam service-accounts keys create new.json --iam-account=SA_EMAIL` then `gcloud iam service-accounts keys delete OLD_KEY_ID --iam-account=SA_EMAIL`',
    '- Organization policy: `iam.serviceAccountKeyExpiryHours` makes new keys expire.',
  ].join('\n'),
  references: [
    'https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys#rotate-keys',
    'https://cloud.google.com/resource-manager/docs/organization-policy/restricting-service-accounts#limit_key_expiry',
  ],
  messages: {
    old: 'Key {{key}} of {{account}} is {{age}} days old (limit {{max}}).',
    fresh: 'Key {{key}} of {{account}} is {{age}} days old (limit {{max}}).',
    systemManaged: 'Key {{key}} of {{account}} is Google-managed and rotated by Google.',
    unreadable: 'The type or creation time of key {{key}} could not be read.',
  },
  defaults: { maxAgeDays: 90 },
  optionsSchema: { type: 'object', properties: { maxAgeDays: { type: 'integer', minimum: 1 } }, additionalProperties: false },
  evaluate(k, { options, now }) {
    const d = k.data;
    const base = { account: d.serviceAccount ?? 'unknown', key: d.keyId, max: options.maxAgeDays };
    if (d.keyType === null) return { status: 'unknown', messageId: 'unreadable', data: base };
    if (d.keyType !== 'USER_MANAGED') return { status: 'not_applicable', messageId: 'systemManaged', data: base };
    if (d.validAfterTime === null) return { status: 'unknown', messageId: 'unreadable', data: base };
    const age = Math.floor((now.getTime() - Date.parse(d.validAfterTime)) / DAY);
    if (age <= options.maxAgeDays) return { status: 'pass', messageId: 'fresh', data: { ...base, age } };
    return {
      status: 'fail',
      messageId: 'old',
      data: { ...base, age },
      evidence: {
        keyId: d.keyId,
        serviceAccount: d.serviceAccount,
        validAfterTime: d.validAfterTime,
        ageDays: age,
        maxAgeDays: options.maxAgeDays,
        disabled: d.disabled,
      },
    };
  },
});
