/**
 * `data` of `aws.secretsmanager.secret`, written by src/collectors/aws/secretsmanager.ts (per region).
 *
 * Metadata only (ListSecrets): the secret value is never read. `ref.id` is the secret name, `ref.arn` its ARN.
 */
import type { TypeTable } from '../type-info.js';

export const SECRETSMANAGER_SECRET = 'aws.secretsmanager.secret' as const;

/** `aws.secretsmanager.secret` */
export interface SecretData {
  /** Attacker-controlled text: escape on output. */
  name: string;
  arn: string;
  /** Whether automatic rotation is configured (`RotationEnabled`; absent means off). */
  rotationEnabled: boolean;
  /** `RotationRules.AutomaticallyAfterDays`, when rotation is on and set that way (a schedule expression may replace it). */
  rotationIntervalDays: number | null;
  rotationSchedule: string | null;
  /** ISO dates; `lastRotatedDate` is `null` for a secret never rotated. */
  lastRotatedDate: string | null;
  lastChangedDate: string | null;
  createdDate: string | null;
  /** Key that encrypts the secret; `null` means the AWS managed key `aws/secretsmanager`. */
  kmsKeyId: string | null;
  /** Scheduled for deletion at this date (the secret is then unusable). */
  deletedDate: string | null;
  /** Set when another service (RDS, Redshift, …) owns and rotates the secret. */
  owningService: string | null;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface SecretsManagerDataByType {
  [SECRETSMANAGER_SECRET]: SecretData;
}

export const SECRETSMANAGER_TYPES: TypeTable<SecretsManagerDataByType> = {
  [SECRETSMANAGER_SECRET]: { provider: 'aws', scope: 'regional', version: 1, description: 'Secrets Manager secrets (metadata, never values)' },
};
