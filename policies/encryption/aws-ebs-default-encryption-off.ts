import { defineRule } from '../../src/api/rule.js';
import { EBS_ENCRYPTION_DEFAULT, EBS_VOLUME } from '../../src/model/aws/ebs.js';
import { EC2_INSTANCE } from '../../src/model/aws/ec2.js';

export default defineRule({
  id: 'aws-ebs-default-encryption-off',
  title: 'EBS encryption by default off in a region in use',
  severity: 'medium',
  resourceTypes: [EBS_ENCRYPTION_DEFAULT],
  inputs: [EBS_VOLUME, EC2_INSTANCE],
  description:
    'Flags regions where EBS encryption by default is off while the region holds EBS volumes or EC2 instances. A region with neither is not applicable. When the setting is off, the region has no volume and its instances were not collected, the result is unknown.',
  risk: 'Without encryption by default every new volume, and every volume launched from an unencrypted snapshot or AMI, is unencrypted unless someone remembers to ask for it: unencrypted data at rest keeps appearing.',
  remediation: [
    'Turn on EBS encryption by default in each region you use (it affects new volumes only; existing ones must be re-created from an encrypted snapshot copy).',
    '',
    '- Console: EC2 → Settings (Data protection and security) → EBS encryption → Manage → Always encrypt new EBS volumes.',
    '- CLI: `aws ec2 enable-ebs-encryption-by-default --region REGION` (optionally `aws ec2 modify-ebs-default-kms-key-id --kms-key-id alias/…`).',
    '- Terraform: `resource "aws_ebs_encryption_by_default" "this" { enabled = true }` per region provider.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-7',
  ],
  messages: {
    off: 'EBS encryption by default is off in {{region}}, which has {{volumes}} volume(s) and {{instances}} instance(s).',
    on: 'EBS encryption by default is on in {{region}}.',
    unused: 'EBS encryption by default is off in {{region}}, but the region has no volume or instance.',
    instancesUnknown: 'EBS encryption by default is off in {{region}}; it has no volume and its EC2 instances were not collected.',
  },
  evaluate(setting, ctx) {
    const { account, region } = setting.ref;
    if (setting.data.enabled) return { status: 'pass', messageId: 'on', data: { region } };
    const volumes = ctx.index.inScope(EBS_VOLUME, account, region).filter((v) => v.data.state !== 'deleted' && v.data.state !== 'deleting');
    const instances = ctx.index.inScope(EC2_INSTANCE, account, region).filter((i) => i.data.state !== 'terminated' && i.data.state !== 'shutting-down');
    if (volumes.length > 0 || instances.length > 0) {
      return {
        status: 'fail',
        messageId: 'off',
        data: { region, volumes: volumes.length, instances: instances.length },
        evidence: {
          ebsEncryptionByDefault: false,
          volumes: volumes.slice(0, 20).map((v) => v.data.volumeId),
          instances: instances.slice(0, 20).map((i) => i.data.instanceId),
        },
      };
    }
    // "No instance" is only known when the instance listing of this region was read.
    const instancesRead = ctx.index.snapshot.coverage.some(
      (c) => c.status === 'ok' && c.account === account && c.region === region && c.resourceTypes.includes(EC2_INSTANCE),
    );
    if (!instancesRead) return { status: 'unknown', messageId: 'instancesUnknown', data: { region } };
    return { status: 'not_applicable', messageId: 'unused', data: { region } };
  },
});
