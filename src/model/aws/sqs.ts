/**
 * `data` of `aws.sqs.queue`, written by src/collectors/aws/sqs.ts (per region).
 *
 * `ref.id` is the queue ARN, `ref.name` the queue name. ListQueues returns URLs only; each queue costs one
 * GetQueueAttributes (`All`), read per queue (a failure is a gap for that queue, and its fields are `null`).
 */
import type { InputTypeInfo, TypeTable } from '../type-info.js';
import type { IamPolicyDocument } from './iam.js';

export const SQS_QUEUE = 'aws.sqs.queue' as const;
/** Virtual input type (coverage entries only): a queue's GetQueueAttributes, read per queue. */
export const SQS_QUEUE_ATTRIBUTES = 'aws.sqs.queue-attributes' as const;

/** `aws.sqs.queue` */
export interface SqsQueueData {
  name: string;
  arn: string;
  /** The queue URL (ListQueues). */
  url: string;
  /** `SqsManagedSseEnabled`: SSE with keys SQS owns (SSE-SQS); `null` when the attributes were not read. */
  sqsManagedSse: boolean | null;
  /** `KmsMasterKeyId`: SSE-KMS with this key (alias or ARN); `null` when absent or not read. */
  kmsMasterKeyId: string | null;
  /**
   * The queue's access policy (`Policy` attribute), parsed. `{ exists: false }` when the queue has none;
   * `{ exists: true, document: null }` when the text could not be parsed; `null` when the attributes were not read.
   */
  policy: { exists: boolean; document: IamPolicyDocument | null } | null;
  /** `true` for FIFO queues (`FifoQueue`); `null` when not read. */
  fifo: boolean | null;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface SqsDataByType {
  [SQS_QUEUE]: SqsQueueData;
}

export const SQS_TYPES: TypeTable<SqsDataByType> = {
  [SQS_QUEUE]: { provider: 'aws', scope: 'regional', version: 1, description: 'SQS queues (encryption at rest, access policy)' },
};

export const SQS_INPUT_TYPES = {
  [SQS_QUEUE_ATTRIBUTES]: { provider: 'aws', scope: 'regional', description: "A queue's attributes: encryption and access policy (GetQueueAttributes)" },
} as const satisfies Record<string, InputTypeInfo>;
