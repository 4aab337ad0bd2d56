import { defineRule } from '../../src/api/rule.js';
import { IAM_CREDENTIAL_REPORT, IAM_USER } from '../../src/model/aws/iam.js';

export default defineRule({
  id: 'aws-iam-user-multiple-active-keys',
  title: 'User has more than one active access key',
  severity: 'low',
  resourceTypes: [IAM_USER],
  inputs: [IAM_CREDENTIAL_REPORT],
  description:
    'Flags IAM users with two active access keys, from the credential report. Two keys are meant to overlap briefly during a rotation, not to live side by side.',
  risk: 'A second active key doubles the places a secret can leak from, and usually means a rotation was never finished — the "old" key is still valid somewhere.',
  remediation: [
    'Find which key is in use (last used date), move every consumer to it, then deactivate and delete the other.',
    '',
    '- Console: IAM → Users → the user → Security credentials → Access keys.',
    '- CLI: `aws iam update-access-key --user-name NAME --access-key-id ID --status Inactive`, then `aws iam delete-access-key`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
  ],
  messages: {
    multiple: 'User {{user}} has {{count}} active access keys.',
    ok: 'User {{user}} has at most one active access key.',
    notInReport: 'User {{user}} is not in the credential report.',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(user) {
    const data = { user: user.data.name };
    const c = user.data.credentials;
    if (!c) return { status: 'unknown', messageId: 'notInReport', data };
    const active = c.accessKeys.filter((k) => k.active);
    if (active.length <= 1) return { status: 'pass', messageId: 'ok', data };
    return {
      status: 'fail',
      messageId: 'multiple',
      data: { ...data, count: active.length },
      evidence: { identity: `user/${user.data.name}`, activeKeys: active.map((k) => ({ slot: k.slot, lastRotated: k.lastRotated, lastUsed: k.lastUsed })) },
    };
  },
});
