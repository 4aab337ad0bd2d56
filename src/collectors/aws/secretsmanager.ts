/**
 * Secrets Manager collector (per region): secret metadata from ListSecrets (every page). The values are
 * never read: GetSecretValue is not called, and the read-only policy Vigil documents does not grant it.
 */
import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';
import { SECRETSMANAGER_SECRET, type SecretData } from '../../model/aws/secretsmanager.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import type { RegionScope } from './dynamodb.js';
import { allPages, isoDate, tagRecord } from './per-resource.js';

/** Pure: one ListSecrets entry. */
export function secretToModel(raw: SecretListEntry, scope: RegionScope): Resource<SecretData> {
  const name = raw.Name!;
  const arn = raw.ARN ?? `arn:${scope.partition}:secretsmanager:${scope.region}:${scope.account}:secret:${name}`;
  const tags = tagRecord(raw.Tags);
  return {
    ref: { provider: 'aws', account: scope.account, region: scope.region, type: SECRETSMANAGER_SECRET, id: name, arn, name, ...(tags ? { tags } : {}) },
    data: {
      name,
      arn,
      rotationEnabled: raw.RotationEnabled === true,
      rotationIntervalDays: raw.RotationRules?.AutomaticallyAfterDays ?? null,
      rotationSchedule: raw.RotationRules?.ScheduleExpression ?? null,
      lastRotatedDate: isoDate(raw.LastRotatedDate),
      lastChangedDate: isoDate(raw.LastChangedDate),
      createdDate: isoDate(raw.CreatedDate),
      kmsKeyId: raw.KmsKeyId ?? null,
      deletedDate: isoDate(raw.DeletedDate),
      owningService: raw.OwningService ?? null,
    },
  };
}

export const secretsmanager: AwsServiceCollector = {
  service: 'secretsmanager',
  scope: 'regional',
  resourceTypes: [SECRETSMANAGER_SECRET],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { paginateListSecrets, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
    const client = ctx.client(SecretsManagerClient, region);
    const scope: RegionScope = { partition: ctx.partition, account: ctx.account, region };
    const list = await ctx.attempt({ service: 'secretsmanager', region, operation: 'ListSecrets', resourceTypes: [SECRETSMANAGER_SECRET] }, () =>
      allPages(paginateListSecrets({ client, pageSize: 100, stopOnSameToken: true }, {}), (p) => p.SecretList),
    );
    return (list ?? []).filter((s) => s.Name).map((s) => secretToModel(s, scope));
  },
};
