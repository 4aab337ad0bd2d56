/**
 * `data` of the SNS resource type written by src/collectors/aws/sns.ts.
 *
 * - `aws.sns.topic`: one per topic (`ref.id` = topic ARN), with GetTopicAttributes and ListSubscriptionsByTopic
 *   read per topic (a failure is a gap for that topic, and its fields are `null`).
 */
import type { TypeTable } from '../type-info.js';

export const SNS_TOPIC = 'aws.sns.topic' as const;
/** Virtual input type (coverage entries only): a topic's GetTopicAttributes, read per topic. */
export const SNS_TOPIC_ATTRIBUTES = 'aws.sns.topic-attributes' as const;

/** `aws.sns.topic` */
export interface TopicData {
  name: string;
  arn: string;
  /** `KmsMasterKeyId`; `null` when the topic is not encrypted at rest. */
  kmsMasterKeyId: string | null;
  /** Confirmed and pending (`PendingConfirmation`) subscriptions, counted from ListSubscriptionsByTopic. */
  subscriptionsConfirmed: number | null;
  subscriptionsPending: number | null;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface SnsDataByType {
  [SNS_TOPIC]: TopicData;
}

export const SNS_TYPES: TypeTable<SnsDataByType> = {
  [SNS_TOPIC]: { provider: 'aws', scope: 'regional', version: 1, description: 'SNS topics (encryption, subscriptions)' },
};

export const SNS_INPUT_TYPES = {
  [SNS_TOPIC_ATTRIBUTES]: { provider: 'aws', scope: 'regional', description: "A topic's attributes and subscriptions" },
} as const;
