import { defineRule } from '../../src/api/rule.js';
import { EKS_CLUSTER, EKS_CLUSTER_DETAILS, EKS_LOG_TYPES } from '../../src/model/aws/eks.js';

const defaults: { requiredLogTypes: string[] } = { requiredLogTypes: ['audit'] };

export default defineRule({
  id: 'aws-eks-audit-logging-off',
  title: 'EKS control-plane audit logging off',
  severity: 'medium',
  resourceTypes: [EKS_CLUSTER],
  inputs: [EKS_CLUSTER_DETAILS],
  description:
    'Flags EKS clusters that do not send the required control-plane log types to CloudWatch Logs. Tunable `requiredLogTypes` (default `[audit]`; CIS EKS 2.1.1 asks for all five: `api`, `audit`, `authenticator`, `controllerManager`, `scheduler`).',
  risk: 'Without the Kubernetes audit log there is no record of who read secrets, created pods, changed RBAC or exec-ed into containers: an intrusion in the cluster cannot be detected or investigated.',
  remediation: [
    'Enable control-plane logging for the audit (and preferably every) log type.',
    '',
    '- CLI: `aws eks update-cluster-config --name CLUSTER --logging \'{"clusterLogging":[{"types":["api","audit","authenticator","controllerManager","scheduler"],"enabled":true}]}\'`',
    '- Terraform: `enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]` on `aws_eks_cluster`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-8',
  ],
  defaults,
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { requiredLogTypes: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...EKS_LOG_TYPES] } } },
  },
  messages: {
    missing: 'EKS cluster {{name}} does not log {{missing}} to CloudWatch Logs.',
    logging: 'EKS cluster {{name}} logs {{types}} to CloudWatch Logs.',
    unknown: 'EKS cluster {{name}}: its logging configuration could not be read.',
  },
  evaluate(cluster, ctx) {
    const { name, enabledLogTypes } = cluster.data;
    if (enabledLogTypes === null) return { status: 'unknown', messageId: 'unknown', data: { name } };
    const required = ctx.options.requiredLogTypes;
    const missing = required.filter((t) => !enabledLogTypes.includes(t));
    if (missing.length === 0) return { status: 'pass', messageId: 'logging', data: { name, types: required.join(', ') } };
    return {
      status: 'fail',
      messageId: 'missing',
      data: { name, missing: missing.join(', ') },
      evidence: { clusterArn: cluster.data.arn, enabledLogTypes, missingLogTypes: missing },
    };
  },
});
