import { defineRule } from '../../src/api/rule.js';
import { KMS_KEY, KMS_KEY_ROTATION } from '../../src/model/aws/kms.js';

export default defineRule({
  id: 'aws-kms-key-rotation-off',
  title: 'KMS key without automatic rotation',
  severity: 'medium',
  resourceTypes: [KMS_KEY],
  inputs: [KMS_KEY_ROTATION],
  description:
    'Flags enabled customer-managed symmetric encryption keys with KMS-generated material whose automatic rotation is off. Keys where AWS offers no automatic rotation (asymmetric, HMAC, imported material, custom key stores) and keys that are disabled or pending deletion are not applicable.',
  risk: 'A key that never rotates protects ever more data with the same material: a compromise of that material exposes everything ever encrypted with it, and compliance regimes (PCI DSS 3.6, CIS) require periodic rotation.',
  remediation: [
    'Turn on automatic rotation (yearly by default; 90–2560 days configurable). Old material stays available for decryption.',
    '',
    '- Console: KMS → Customer managed keys → key → Key rotation → Automatically rotate.',
    '- CLI: `aws kms enable-key-rotation --key-id KEY_ID [--rotation-period-in-days 365]`',
    '- Terraform: `enable_key_rotation = true` on `aws_kms_key`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-4',
  ],
  messages: {
    off: 'KMS key {{name}} does not rotate automatically.',
    on: 'KMS key {{name}} rotates automatically.',
    unsupported: 'KMS key {{name}} ({{spec}}, origin {{origin}}) has no automatic rotation in AWS.',
    inactive: 'KMS key {{name}} is {{state}}.',
    unreadable: 'KMS key {{name}}: its rotation status could not be read.',
  },
  evaluate(key) {
    const name = key.ref.name ? `${key.data.keyId} (${key.ref.name})` : key.data.keyId;
    const { keyState, rotationSupported, rotationEnabled } = key.data;
    if (keyState !== 'Enabled')
      return { status: keyState === null ? 'unknown' : 'not_applicable', messageId: 'inactive', data: { name, state: keyState ?? 'in an unknown state' } };
    if (!rotationSupported)
      return { status: 'not_applicable', messageId: 'unsupported', data: { name, spec: key.data.keySpec ?? '?', origin: key.data.origin ?? '?' } };
    if (rotationEnabled === null) return { status: 'unknown', messageId: 'unreadable', data: { name } };
    if (rotationEnabled) return { status: 'pass', messageId: 'on', data: { name } };
    return { status: 'fail', messageId: 'off', data: { name }, evidence: { keyArn: key.data.arn, keyRotationEnabled: false, keySpec: key.data.keySpec } };
  },
});
