import { defineRule } from '../../src/api/rule.js';
import { EC2_IMAGE } from '../../src/model/aws/ebs.js';

export default defineRule({
  id: 'aws-ami-public',
  title: 'AMI is public',
  severity: 'high',
  resourceTypes: [EC2_IMAGE],
  description: 'Flags AMIs owned by the account that are public (launch permission for everyone). Deregistered images are not applicable.',
  risk: 'Anyone can launch a public AMI and read its disks: software, configuration, embedded credentials and data baked into the image are exposed.',
  remediation: [
    'Make the image private (share it with named accounts or an organization instead), and turn on block public access for AMIs.',
    '',
    '- CLI: `aws ec2 modify-image-attribute --image-id ami-… --launch-permission "Remove=[{Group=all}]"`',
    '- CLI: `aws ec2 enable-image-block-public-access --image-block-public-access-state block-new-sharing --region REGION`',
    '- Terraform: remove `aws_ami_launch_permission` with `group = "all"`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html',
  ],
  messages: {
    public: 'AMI {{name}} is public: any AWS account can launch it.',
    private: 'AMI {{name}} is not public.',
    deregistered: 'AMI {{name}} is deregistered.',
    unknown: 'AMI {{name}}: DescribeImages did not say whether it is public.',
  },
  evaluate(image) {
    const name = image.ref.name ?? image.data.imageId;
    if (image.data.state === 'deregistered') return { status: 'not_applicable', messageId: 'deregistered', data: { name } };
    if (image.data.public === null) return { status: 'unknown', messageId: 'unknown', data: { name } };
    if (!image.data.public) return { status: 'pass', messageId: 'private', data: { name } };
    return {
      status: 'fail',
      messageId: 'public',
      data: { name },
      evidence: { imageId: image.data.imageId, public: true, snapshotIds: image.data.snapshotIds },
    };
  },
});
