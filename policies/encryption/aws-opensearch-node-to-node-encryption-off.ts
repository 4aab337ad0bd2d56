import { defineRule } from '../../src/api/rule.js';
import { OPENSEARCH_DOMAIN } from '../../src/model/aws/opensearch.js';
import { flagResult, OS_REFS } from '../_lib/aws-opensearch.js';

export default defineRule({
  id: 'aws-opensearch-node-to-node-encryption-off',
  title: 'OpenSearch domain does not encrypt traffic between its nodes',
  severity: 'medium',
  resourceTypes: [OPENSEARCH_DOMAIN],
  description:
    'Fails for an OpenSearch Service domain whose `NodeToNodeEncryptionOptions.Enabled` is `false`: traffic inside the cluster (shard replication, search fan-out) travels in clear within the VPC. Unknown when not reported.',
  risk: 'Every document and query crosses the cluster network unencrypted; anything with access to that network path (a compromised host, mirrored traffic) reads it. HIPAA and PCI DSS expect encryption in transit inside the environment too.',
  remediation: [
    'Enable node-to-node encryption (domains on OpenSearch or Elasticsearch 6.7+; a blue/green update, cannot be turned off again).',
    '',
    '- Console: Amazon OpenSearch Service → Domains → the domain → Actions → Edit security configuration → "Node-to-node encryption".',
    '- CLI: `aws opensearch update-domain-config --domain-name DOMAIN --node-to-node-encryption-options Enabled=true`',
    '- Terraform: `node_to_node_encryption { enabled = true }` on `aws_opensearch_domain`.',
  ].join('\n'),
  references: [OS_REFS.n2n, `${OS_REFS.controls}#opensearch-3`],
  messages: {
    off: 'OpenSearch domain {{name}} does not encrypt node-to-node traffic.',
    on: 'OpenSearch domain {{name}} encrypts node-to-node traffic.',
    unknown: 'OpenSearch domain {{name}}: node-to-node encryption was not reported.',
  },
  evaluate(d) {
    return flagResult(d, d.data.nodeToNodeEncryption, { on: 'on', off: 'off', unknown: 'unknown' }, { nodeToNodeEncryption: false });
  },
});
