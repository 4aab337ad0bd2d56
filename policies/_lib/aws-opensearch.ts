/** Shared references and helpers of the aws-opensearch-* rules. */
import type { RuleResult } from '../../src/engine/types.js';
import type { OpenSearchDomainData } from '../../src/model/aws/opensearch.js';
import type { Resource } from '../../src/model/types.js';

export type OpenSearchDomain = Resource<OpenSearchDomainData>;

export const OS_REFS = {
  endpoint: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html',
  encryption: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html',
  n2n: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html',
  vpc: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html',
  access: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html',
  controls: 'https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html',
};

/** A boolean setting of the domain: pass when `true`, fail when `false`, unknown when not reported. */
export function flagResult<M extends string>(
  d: OpenSearchDomain,
  value: boolean | null,
  ids: { on: M; off: M; unknown: M },
  evidence: Record<string, unknown>,
): RuleResult<M> {
  const data = { name: d.data.name };
  if (value === null) return { status: 'unknown', messageId: ids.unknown, data };
  if (value) return { status: 'pass', messageId: ids.on, data };
  return { status: 'fail', messageId: ids.off, data, evidence: { arn: d.data.arn, ...evidence } };
}
