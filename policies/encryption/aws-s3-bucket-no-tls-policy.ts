import { defineRule } from '../../src/api/rule.js';
import { S3_BUCKET, S3_BUCKET_POLICY } from '../../src/model/aws/s3.js';
import { tlsDenials } from '../_lib/aws-resource-policy.js';

export default defineRule({
  id: 'aws-s3-bucket-no-tls-policy',
  title: 'S3 bucket accepts requests without TLS',
  severity: 'medium',
  resourceTypes: [S3_BUCKET],
  inputs: [S3_BUCKET_POLICY],
  description:
    "Flags buckets whose policy has no statement denying every S3 action, for every principal, on the bucket's objects when `aws:SecureTransport` is `false`. A Deny limited to some actions or principals fails as partial.",
  risk: 'Without the Deny, clients may talk to S3 over plain HTTP: objects and the request signatures travel unencrypted and can be read or tampered with on the network.',
  remediation: [
    'Add a Deny statement for requests without TLS to the bucket policy:',
    '',
    '```json',
    '{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*",',
    ' "Resource":["arn:aws:s3:::BUCKET","arn:aws:s3:::BUCKET/*"],',
    ' "Condition":{"Bool":{"aws:SecureTransport":"false"}}}',
    '```',
    '',
    '- CLI: `aws s3api put-bucket-policy --bucket BUCKET --policy file://policy.json`',
    '- Terraform: an `aws_iam_policy_document` statement with `effect = "Deny"` and `condition { test = "Bool", variable = "aws:SecureTransport", values = ["false"] }` in `aws_s3_bucket_policy`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5',
  ],
  messages: {
    noPolicy: 'S3 bucket {{name}} has no bucket policy, so requests without TLS are not denied.',
    noDeny: 'S3 bucket {{name}}: its policy does not deny requests without TLS (aws:SecureTransport = false).',
    partial: 'S3 bucket {{name}}: the TLS-only Deny ({{statements}}) does not cover every action, principal and object.',
    enforced: 'S3 bucket {{name}} denies requests without TLS ({{statements}}).',
    unreadable: 'S3 bucket {{name}}: its policy could not be read.',
  },
  evaluate(bucket) {
    const name = bucket.data.name;
    const policy = bucket.data.policy;
    if (policy === null) return { status: 'unknown', messageId: 'unreadable', data: { name } };
    if (!policy.exists || !policy.document) return { status: 'fail', messageId: 'noPolicy', data: { name }, evidence: { bucket: name, bucketPolicy: 'none' } };
    const denials = tlsDenials(policy.document, name);
    const complete = denials.filter((d) => d.complete);
    if (complete.length > 0) return { status: 'pass', messageId: 'enforced', data: { name, statements: complete.map((d) => d.statement).join(', ') } };
    if (denials.length === 0) return { status: 'fail', messageId: 'noDeny', data: { name }, evidence: { bucket: name, secureTransportDeny: 'none' } };
    return {
      status: 'fail',
      messageId: 'partial',
      data: { name, statements: denials.map((d) => d.statement).join(', ') },
      evidence: { bucket: name, partialDenials: denials },
    };
  },
});
