/** EFS collector (per region): file systems and their encryption at rest (DescribeFileSystems, every page). */
import type { FileSystemDescription } from '@aws-sdk/client-efs';
import { EFS_FILE_SYSTEM, type EfsFileSystemData } from '../../model/aws/efs.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import type { RegionScope } from './dynamodb.js';
import { allPages, tagRecord } from './per-resource.js';

/** Pure: one DescribeFileSystems entry. */
export function fileSystemToModel(raw: FileSystemDescription, scope: RegionScope): Resource<EfsFileSystemData> {
  const id = raw.FileSystemId!;
  const arn = raw.FileSystemArn ?? `arn:${scope.partition}:elasticfilesystem:${scope.region}:${scope.account}:file-system/${id}`;
  const tags = tagRecord(raw.Tags);
  return {
    ref: { provider: 'aws', account: scope.account, region: scope.region, type: EFS_FILE_SYSTEM, id, arn, name: raw.Name ?? id, ...(tags ? { tags } : {}) },
    data: {
      fileSystemId: id,
      arn,
      encrypted: raw.Encrypted ?? null,
      kmsKeyId: raw.KmsKeyId ?? null,
      lifeCycleState: raw.LifeCycleState ?? null,
      performanceMode: raw.PerformanceMode ?? null,
      throughputMode: raw.ThroughputMode ?? null,
      numberOfMountTargets: raw.NumberOfMountTargets ?? null,
    },
  };
}

export const efs: AwsServiceCollector = {
  service: 'efs',
  scope: 'regional',
  resourceTypes: [EFS_FILE_SYSTEM],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { EFSClient, paginateDescribeFileSystems } = await import('@aws-sdk/client-efs');
    const client = ctx.client(EFSClient, region);
    const scope: RegionScope = { partition: ctx.partition, account: ctx.account, region };
    const list = await ctx.attempt({ service: 'efs', region, operation: 'DescribeFileSystems', resourceTypes: [EFS_FILE_SYSTEM] }, () =>
      allPages(paginateDescribeFileSystems({ client, pageSize: 100, stopOnSameToken: true }, {}), (p) => p.FileSystems),
    );
    return (list ?? []).filter((f) => f.FileSystemId && f.LifeCycleState !== 'deleted').map((f) => fileSystemToModel(f, scope));
  },
};
