/**
 * SNS collector (per region): ListTopics (paged), then GetTopicAttributes per topic under the shared
 * per-resource cap (SNS has no batch call). A failed attribute read is a gap for that topic
 * (`aws.sns.topic-attributes`) and leaves its attribute fields `null`.
 */
import { GetTopicAttributesCommand, SNSClient, paginateListTopics } from '@aws-sdk/client-sns';
import { SNS_TOPIC, SNS_TOPIC_ATTRIBUTES, type TopicData } from '../../model/aws/sns.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import { allPages, perResource } from './per-resource.js';

// ------------------------------------------------------------------ toModel (pure)

/** Count attribute → number; `null` when absent or not a number. */
function count(v: string | undefined): number | null {
  if (v === undefined || !/^\d+$/.test(v)) return null;
  return Number(v);
}

/** `attributes` is `null` when GetTopicAttributes failed. */
export function topicToModel(arn: string, attributes: Record<string, string> | null, account: string, region: string): Resource<TopicData> {
  const name = arn.split(':').pop() ?? arn;
  return {
    ref: { provider: 'aws', account, region, type: SNS_TOPIC, id: arn, arn, name },
    data: {
      name,
      arn,
      kmsMasterKeyId: attributes === null ? null : attributes.KmsMasterKeyId || null,
      subscriptionsConfirmed: attributes === null ? null : count(attributes.SubscriptionsConfirmed),
      subscriptionsPending: attributes === null ? null : count(attributes.SubscriptionsPending),
    },
  };
}

// ------------------------------------------------------------------ fetch

export const sns: AwsServiceCollector = {
  service: 'sns',
  scope: 'regional',
  resourceTypes: [SNS_TOPIC],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const client = ctx.client(SNSClient, region);
    const topics = await ctx.attempt({ service: 'sns', region, operation: 'ListTopics', resourceTypes: [SNS_TOPIC] }, () =>
      allPages(paginateListTopics({ client, stopOnSameToken: true }, {}), (p) => p.Topics),
    );
    const arns = (topics ?? []).map((t) => t.TopicArn).filter((a): a is string => !!a);
    const attrs = await perResource(ctx, { service: 'sns', region, operation: 'GetTopicAttributes', resourceTypes: [SNS_TOPIC_ATTRIBUTES] }, arns, (a) => a, async (a) => {
      const r = (await client.send(new GetTopicAttributesCommand({ TopicArn: a }))).Attributes;
      if (!r) throw Object.assign(new Error('GetTopicAttributes answered without Attributes'), { name: 'IncompleteResponse' });
      return r;
    });
    return arns.map((a): Resource<any> => topicToModel(a, attrs.get(a) ?? null, ctx.account, region));
  },
};
