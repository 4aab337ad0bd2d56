import { defineRule } from '../../src/api/rule.js';
import { GCP_KMS_KEY } from '../../src/model/gcp.js';

const DAY = 86_400;
/** Automatic rotation exists only for symmetric keys that Cloud KMS holds (not external / EKM keys). */
const EXTERNAL = new Set(['EXTERNAL', 'EXTERNAL_VPC']);

export default defineRule({
  id: 'gcp-kms-key-rotation-long',
  title: 'Cloud KMS key is not rotated automatically at least once a year',
  severity: 'medium',
  resourceTypes: [GCP_KMS_KEY],
  description:
    'Flags symmetric (`ENCRYPT_DECRYPT`) Cloud KMS keys with no automatic rotation schedule or a `rotationPeriod` longer than `maxDays` (default 365; CIS GCP 1.10 asks for 90). Asymmetric, MAC and external keys, which Cloud KMS cannot rotate automatically, are not applicable. Unknown when the purpose could not be read.',
  risk: 'The longer one key version protects data, the more data a single compromised or leaked version exposes, and the longer a weakness stays in use.',
  remediation: [
    'Set an automatic rotation period (new versions encrypt new data; old versions still decrypt).',
    '',
    '- Console: Security → Key Management → the key ring → the key → Edit rotation period.',
    '- CLI: `gcloud kms keys update KEY --keyring=RING --location=LOC --rotation-period=90d --next-rotation-time=2026-01-01T00:00:00Z`',
    '- Terraform: `rotation_period = "7776000s"` on `google_kms_crypto_key`.',
  ].join('\n'),
  references: ['https://cloud.google.com/kms/docs/key-rotation', 'https://cloud.google.com/kms/docs/rotate-key#automatic'],
  messages: {
    noRotation: 'KMS key {{name}} has no automatic rotation.',
    long: 'KMS key {{name}} rotates every {{days}} days (limit {{max}}).',
    ok: 'KMS key {{name}} rotates every {{days}} days (limit {{max}}).',
    notRotatable: 'KMS key {{name}} ({{purpose}}) cannot be rotated automatically.',
    unreadable: 'The purpose of KMS key {{name}} could not be read.',
  },
  defaults: { maxDays: 365 },
  optionsSchema: { type: 'object', properties: { maxDays: { type: 'integer', minimum: 1 } }, additionalProperties: false },
  evaluate(key, { options }) {
    const d = key.data;
    const name = key.ref.name ?? d.name;
    const max = options.maxDays;
    if (d.purpose === null) return { status: 'unknown', messageId: 'unreadable', data: { name } };
    if (d.purpose !== 'ENCRYPT_DECRYPT' || EXTERNAL.has(d.protectionLevel ?? '')) {
      return {
        status: 'not_applicable',
        messageId: 'notRotatable',
        data: { name, purpose: EXTERNAL.has(d.protectionLevel ?? '') ? d.protectionLevel : d.purpose },
      };
    }
    if (d.rotationPeriodSeconds === null) return { status: 'fail', messageId: 'noRotation', data: { name }, evidence: { rotationPeriod: null, maxDays: max } };
    const days = Math.round((d.rotationPeriodSeconds / DAY) * 10) / 10;
    if (d.rotationPeriodSeconds <= max * DAY) return { status: 'pass', messageId: 'ok', data: { name, days, max } };
    return {
      status: 'fail',
      messageId: 'long',
      data: { name, days, max },
      evidence: { rotationPeriodDays: days, maxDays: max, nextRotationTime: d.nextRotationTime },
    };
  },
});
