import { defineRule } from '../../src/api/rule.js';
import { IAM_ACCOUNT } from '../../src/model/aws/iam.js';

export default defineRule({
  id: 'aws-iam-root-access-keys',
  title: 'Root user has access keys',
  severity: 'critical',
  resourceTypes: [IAM_ACCOUNT],
  description:
    "Flags accounts whose root user has an active access key, read from the credential report's `<root_account>` row, or from GetAccountSummary (`AccountAccessKeysPresent`) when the report has no root row. Unknown when neither could be read.",
  risk: 'Root keys cannot be limited by IAM policies or permission boundaries; whoever holds one owns the account, including billing, account closure and every resource.',
  remediation: [
    'Delete the root access keys and use IAM roles for automation.',
    '',
    '- Console: sign in as root → account menu → Security credentials → Access keys → Delete.',
    '- There is no CLI path for root keys other than as root itself; delete them in the console.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-4',
  ],
  messages: {
    keys: 'The root user of account {{account}} has access keys ({{source}}).',
    ok: 'The root user of account {{account}} has no access keys ({{source}}).',
    unknown: 'Account {{account}}: neither the credential report root row nor the account summary could be read.',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(acct) {
    const account = acct.ref.account;
    const root = acct.data.credentialReport?.root;
    if (root) {
      const active = root.accessKeys.filter((k) => k.active);
      if (active.length)
        return { status: 'fail', messageId: 'keys', data: { account, source: 'credential report' }, evidence: { identity: 'root', activeKeys: active } };
      return { status: 'pass', messageId: 'ok', data: { account, source: 'credential report' } };
    }
    const present = acct.data.summary?.accountAccessKeysPresent;
    if (present === true)
      return { status: 'fail', messageId: 'keys', data: { account, source: 'account summary' }, evidence: { identity: 'root', AccountAccessKeysPresent: 1 } };
    if (present === false) return { status: 'pass', messageId: 'ok', data: { account, source: 'account summary' } };
    return { status: 'unknown', messageId: 'unknown', data: { account } };
  },
});
