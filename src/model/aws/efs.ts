/**
 * `data` of `aws.efs.file-system`, written by src/collectors/aws/efs.ts (per region).
 * `ref.id` is the file system id, `ref.arn` its ARN, `ref.name` its `Name` tag.
 */
import type { TypeTable } from '../type-info.js';

export const EFS_FILE_SYSTEM = 'aws.efs.file-system' as const;

/** `aws.efs.file-system` */
export interface EfsFileSystemData {
  fileSystemId: string;
  arn: string;
  /** Encryption at rest (chosen at creation, cannot be changed); `null` when not reported. */
  encrypted: boolean | null;
  kmsKeyId: string | null;
  /** `available`, `creating`, `updating`, `deleting`, `deleted`, `error`. */
  lifeCycleState: string | null;
  performanceMode: string | null;
  throughputMode: string | null;
  numberOfMountTargets: number | null;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface EfsDataByType {
  [EFS_FILE_SYSTEM]: EfsFileSystemData;
}

export const EFS_TYPES: TypeTable<EfsDataByType> = {
  [EFS_FILE_SYSTEM]: { provider: 'aws', scope: 'regional', version: 1, description: 'EFS file systems' },
};
