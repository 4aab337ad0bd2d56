import type { AwsServiceCollector } from './context.js';

// Placeholder until the EC2 network collector lands (issue #2).
export const ec2Network: AwsServiceCollector = {
  service: 'ec2',
  scope: 'regional',
  resourceTypes: [],
  async collect() {
    return [];
  },
};
