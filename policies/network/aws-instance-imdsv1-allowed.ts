import { defineRule } from '../../src/api/rule.js';
import { EC2_INSTANCE } from '../../src/model/aws/ec2.js';

const GONE = new Set(['terminated', 'shutting-down']);

export default defineRule({
  id: 'aws-instance-imdsv1-allowed',
  title: 'Instance allows IMDSv1 (metadata tokens optional)',
  severity: 'medium',
  resourceTypes: [EC2_INSTANCE],
  description:
    'Flags instances whose Instance Metadata Service is enabled with `HttpTokens: optional`, which keeps the session-less IMDSv1 available. Stopped instances are evaluated too (the setting applies when they start); terminated ones are not applicable. Missing metadata options give unknown.',
  risk: "IMDSv1 answers any GET from the instance, so a server-side request forgery or an open proxy in any application on the host hands an attacker the instance role's temporary credentials (the Capital One breach pattern). IMDSv2 requires a PUT-issued session token that such bugs cannot obtain.",
  remediation: [
    'Require IMDSv2 (check first that the software on the instance uses a recent SDK; the `MetadataNoToken` CloudWatch metric shows IMDSv1 callers).',
    '',
    '- Console: EC2 → Instances → the instance → Actions → Instance settings → Modify instance metadata options → IMDSv2 Required.',
    '- CLI: `aws ec2 modify-instance-metadata-options --instance-id i-… --http-tokens required --http-endpoint enabled`',
    '- Terraform: `metadata_options { http_tokens = "required" }` on `aws_instance` / `aws_launch_template`; account default with `aws_ec2_instance_metadata_defaults`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-8',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html',
  ],
  messages: {
    imdsv1: 'Instance {{name}} allows IMDSv1: metadata tokens are optional (hop limit {{hopLimit}}).',
    imdsv2: 'Instance {{name}} requires IMDSv2 tokens.',
    disabled: 'Instance {{name}} has the metadata endpoint disabled.',
    gone: 'Instance {{name}} is {{state}}.',
    unknownOptions: 'Instance {{name}}: metadata options could not be read.',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(instance) {
    const name = instance.ref.name ?? instance.data.instanceId;
    if (GONE.has(instance.data.state)) return { status: 'not_applicable', messageId: 'gone', data: { name, state: instance.data.state } };
    const mo = instance.data.metadataOptions;
    if (mo?.httpEndpoint === 'disabled') return { status: 'pass', messageId: 'disabled', data: { name } };
    if (!mo || mo.httpTokens === null || mo.httpEndpoint === null) return { status: 'unknown', messageId: 'unknownOptions', data: { name } };
    if (mo.httpTokens === 'required') return { status: 'pass', messageId: 'imdsv2', data: { name } };
    return {
      status: 'fail',
      messageId: 'imdsv1',
      data: { name, hopLimit: mo.hopLimit ?? 'unknown' },
      evidence: { httpTokens: mo.httpTokens, httpEndpoint: mo.httpEndpoint, hopLimit: mo.hopLimit },
    };
  },
});
