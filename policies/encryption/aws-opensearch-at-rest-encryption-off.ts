import { defineRule } from '../../src/api/rule.js';
import { OPENSEARCH_DOMAIN } from '../../src/model/aws/opensearch.js';
import { flagResult, OS_REFS } from '../_lib/aws-opensearch.js';

export default defineRule({
  id: 'aws-opensearch-at-rest-encryption-off',
  title: 'OpenSearch domain is not encrypted at rest',
  severity: 'medium',
  resourceTypes: [OPENSEARCH_DOMAIN],
  description:
    'Fails for an OpenSearch Service domain whose `EncryptionAtRestOptions.Enabled` is `false` (indices, logs, swap and automated snapshots are then stored unencrypted). Unknown when not reported.',
  risk: 'Data on the domain’s storage and in its automated snapshots is readable by anyone who obtains the underlying volumes or snapshots, and the domain cannot evidence encryption of stored data (HIPAA 164.312(a)(2)(iv), PCI DSS 3.5.1).',
  remediation: [
    'Enable encryption at rest with an AWS owned or customer managed KMS key (domains on OpenSearch or Elasticsearch 5.1+).',
    '',
    '- Console: Amazon OpenSearch Service → Domains → the domain → Actions → Edit security configuration → "Enable encryption of data at rest".',
    '- CLI: `aws opensearch update-domain-config --domain-name DOMAIN --encryption-at-rest-options Enabled=true,KmsKeyId=KEY`',
    '- Terraform: `encrypt_at_rest { enabled = true kms_key_id = aws_kms_key.search.arn }` on `aws_opensearch_domain`.',
  ].join('\n'),
  references: [OS_REFS.encryption, `${OS_REFS.controls}#opensearch-1`],
  messages: {
    off: 'OpenSearch domain {{name}} is not encrypted at rest.',
    on: 'OpenSearch domain {{name}} is encrypted at rest.',
    unknown: 'OpenSearch domain {{name}}: encryption at rest was not reported.',
  },
  evaluate(d) {
    return flagResult(d, d.data.encryptionAtRest, { on: 'on', off: 'off', unknown: 'unknown' }, { encryptionAtRest: false });
  },
});
