/**
 * SNS collector (per region): ListTopics (paged), then per topic, under the shared per-resource cap (SNS
 * has no batch call), GetTopicAttributes (the KMS key) and ListSubscriptionsByTopic (paged). Subscriptions
 * are counted from the listing, not from the `SubscriptionsConfirmed` attribute, which AWS updates with a
 * delay (and moto never does): a subscription is confirmed unless its ARN is `PendingConfirmation`.
 * A failed read is a gap for that topic (`aws.sns.topic-attributes`) and leaves its fields `null`.
 */
import type { Subscription } from '@aws-sdk/client-sns';
import { SNS_TOPIC, SNS_TOPIC_ATTRIBUTES, type TopicData } from '../../model/aws/sns.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import { allPages, perResource } from './per-resource.js';

// ------------------------------------------------------------------ toModel (pure)

/** The raw reads of one topic (`null` when they failed). */
export interface RawTopic {
  attributes: Record<string, string>;
  subscriptions: Subscription[];
}

const isPending = (s: Subscription) => s.SubscriptionArn === 'PendingConfirmation';

export function topicToModel(arn: string, raw: RawTopic | null, account: string, region: string): Resource<TopicData> {
  const name = arn.split(':').pop() ?? arn;
  const attributes = raw?.attributes ?? null;
  const subs = raw?.subscriptions.filter((x) => x.SubscriptionArn !== 'Deleted') ?? null;
  return {
    ref: { provider: 'aws', account, region, type: SNS_TOPIC, id: arn, arn, name },
    data: {
      name,
      arn,
      kmsMasterKeyId: attributes === null ? null : attributes.KmsMasterKeyId || null,
      subscriptionsConfirmed: subs === null ? null : subs.filter((x) => !isPending(x)).length,
      subscriptionsPending: subs === null ? null : subs.filter(isPending).length,
    },
  };
}

// ------------------------------------------------------------------ fetch

export const sns: AwsServiceCollector = {
  service: 'sns',
  scope: 'regional',
  resourceTypes: [SNS_TOPIC],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { GetTopicAttributesCommand, paginateListSubscriptionsByTopic, paginateListTopics, SNSClient } = await import('@aws-sdk/client-sns');
    const client = ctx.client(SNSClient, region);
    const topics = await ctx.attempt({ service: 'sns', region, operation: 'ListTopics', resourceTypes: [SNS_TOPIC] }, () =>
      allPages(paginateListTopics({ client, stopOnSameToken: true }, {}), (p) => p.Topics),
    );
    if (topics === undefined) return []; // the listing's gap covers the region; no "none to read" for attributes
    const arns = topics.map((t) => t.TopicArn).filter((a): a is string => !!a);
    const attrs = await perResource(
      ctx,
      { service: 'sns', region, operation: 'GetTopicAttributes+ListSubscriptionsByTopic', resourceTypes: [SNS_TOPIC_ATTRIBUTES] },
      arns,
      (a) => a,
      async (a): Promise<RawTopic> => {
        const [attributes, subscriptions] = await Promise.all([
          client.send(new GetTopicAttributesCommand({ TopicArn: a })).then((r) => r.Attributes),
          allPages(paginateListSubscriptionsByTopic({ client, stopOnSameToken: true }, { TopicArn: a }), (p) => p.Subscriptions),
        ]);
        if (!attributes) throw Object.assign(new Error('GetTopicAttributes answered without Attributes'), { name: 'IncompleteResponse' });
        return { attributes, subscriptions };
      },
    );
    return arns.map((a): Resource<any> => topicToModel(a, attrs.get(a) ?? null, ctx.account, region));
  },
};
