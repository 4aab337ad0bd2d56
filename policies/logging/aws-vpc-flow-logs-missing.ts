import { defineRule } from '../../src/api/rule.js';
import type { SnapshotIndex } from '../../src/engine/types.js';
import { EC2_FLOW_LOG, EC2_VPC, type FlowLogData } from '../../src/model/aws/ec2.js';
import type { Resource } from '../../src/model/types.js';

const byResource = new WeakMap<SnapshotIndex, Map<string, Resource<FlowLogData>[]>>();

/** Flow logs of a VPC (indexed once per evaluation). */
function flowLogsOf(index: SnapshotIndex, account: string, region: string, vpcId: string): Resource<FlowLogData>[] {
  let map = byResource.get(index);
  if (!map) {
    map = new Map();
    for (const f of index.ofType(EC2_FLOW_LOG)) {
      const k = `${f.ref.account}|${f.ref.region}|${f.data.resourceId}`;
      map.set(k, [...(map.get(k) ?? []), f]);
    }
    byResource.set(index, map);
  }
  return map.get(`${account}|${region}|${vpcId}`) ?? [];
}

const TRAFFIC_TYPES = ['ALL', 'ACCEPT', 'REJECT'];

export default defineRule({
  id: 'aws-vpc-flow-logs-missing',
  title: 'VPC without an active flow log',
  severity: 'medium',
  resourceTypes: [EC2_VPC],
  inputs: [EC2_FLOW_LOG],
  description:
    'Flags VPCs that have no VPC-level flow log that is `ACTIVE`, delivering (delivery status not `FAILED`) and capturing one of the accepted traffic types (default: any of ALL, ACCEPT, REJECT; set `trafficTypes: [ALL]` or `[ALL, REJECT]` to be stricter). Subnet- or interface-level flow logs do not count for the VPC. A VPC whose flow logs could not be listed is unknown.',
  risk: 'Without flow logs there is no record of who talked to what: intrusions, data exfiltration and lateral movement cannot be detected or investigated, and incident responders start blind.',
  remediation: [
    'Create a flow log for the VPC capturing ALL (or at least REJECT) traffic to CloudWatch Logs or S3, and make sure its delivery role can write to the destination.',
    '',
    '- Console: VPC → Your VPCs → the VPC → Flow logs → Create flow log.',
    '- CLI: `aws ec2 create-flow-logs --resource-type VPC --resource-ids vpc-… --traffic-type ALL --log-destination-type s3 --log-destination arn:aws:s3:::my-flow-log-bucket`',
    '- Terraform: `aws_flow_log` with `vpc_id`, `traffic_type = "ALL"` and `log_destination`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-6',
    'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html',
  ],
  messages: {
    missing: 'VPC {{name}} has no flow log.',
    inactive: 'VPC {{name}} has flow logs but none is active and delivering {{types}} traffic ({{states}}).',
    active: 'VPC {{name}} has an active flow log ({{flowLog}}, {{trafficType}} traffic to {{destinationType}}).',
  },
  defaults: { trafficTypes: TRAFFIC_TYPES },
  optionsSchema: {
    type: 'object',
    properties: { trafficTypes: { type: 'array', items: { enum: TRAFFIC_TYPES }, minItems: 1, uniqueItems: true } },
    additionalProperties: false,
  },
  evaluate(vpc, ctx) {
    const name = vpc.ref.name ?? vpc.data.vpcId;
    const logs = flowLogsOf(ctx.index, vpc.ref.account, vpc.ref.region, vpc.data.vpcId);
    if (logs.length === 0) return { status: 'fail', messageId: 'missing', data: { name }, evidence: { vpcId: vpc.data.vpcId, flowLogs: [] } };
    const good = logs.find(
      (f) => f.data.status === 'ACTIVE' && f.data.deliverLogsStatus !== 'FAILED' && ctx.options.trafficTypes.includes(f.data.trafficType ?? ''),
    );
    if (good) {
      const { flowLogId, trafficType, destinationType } = good.data;
      return { status: 'pass', messageId: 'active', data: { name, flowLog: flowLogId, trafficType, destinationType } };
    }
    const states = logs.map((f) => `${f.data.flowLogId}: ${f.data.status ?? '?'}/${f.data.deliverLogsStatus ?? '?'}/${f.data.trafficType ?? '?'}`);
    return {
      status: 'fail',
      messageId: 'inactive',
      data: { name, types: ctx.options.trafficTypes.join('/'), states: states.join('; ') },
      evidence: {
        vpcId: vpc.data.vpcId,
        flowLogs: logs.map((f) => ({
          id: f.data.flowLogId,
          status: f.data.status,
          deliverLogsStatus: f.data.deliverLogsStatus,
          trafficType: f.data.trafficType,
          destinationType: f.data.destinationType,
        })),
      },
    };
  },
});
