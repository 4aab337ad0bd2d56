/**
 * SQS collector (per region): ListQueues (paged, URLs only), then per queue, under the shared per-resource
 * cap (SQS has no batch call), GetQueueAttributes `All`: encryption at rest (SSE-SQS or SSE-KMS) and the
 * access policy, parsed once here. A failed read is a gap for that queue (`aws.sqs.queue-attributes`) and
 * leaves its fields `null`.
 */
import { SQS_QUEUE, SQS_QUEUE_ATTRIBUTES, type SqsQueueData } from '../../model/aws/sqs.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import type { RegionScope } from './dynamodb.js';
import { allPages, perResource } from './per-resource.js';
import { parsePolicyDocument } from './resource-policy.js';

/** The queue name is the last path segment of its URL (`https://sqs.<region>.amazonaws.com/<account>/<name>`). */
export function queueNameOf(url: string): string {
  return url.replace(/\/+$/, '').split('/').pop() ?? url;
}

/** Pure: one queue from its URL and its attributes (`undefined`: GetQueueAttributes failed). */
export function queueToModel(url: string, attributes: Record<string, string> | undefined, scope: RegionScope): Resource<SqsQueueData> {
  const name = queueNameOf(url);
  const arn = attributes?.QueueArn ?? `arn:${scope.partition}:sqs:${scope.region}:${scope.account}:${name}`;
  let policy: SqsQueueData['policy'] = null;
  if (attributes) {
    const text = attributes.Policy;
    if (!text) policy = { exists: false, document: null };
    else {
      try {
        policy = { exists: true, document: parsePolicyDocument(text) };
      } catch {
        policy = { exists: true, document: null };
      }
    }
  }
  return {
    ref: { provider: 'aws', account: scope.account, region: scope.region, type: SQS_QUEUE, id: arn, arn, name },
    data: {
      name,
      arn,
      url,
      sqsManagedSse: attributes === undefined ? null : attributes.SqsManagedSseEnabled === 'true',
      kmsMasterKeyId: attributes?.KmsMasterKeyId || null,
      policy,
      fifo: attributes === undefined ? null : attributes.FifoQueue === 'true',
    },
  };
}

export const sqs: AwsServiceCollector = {
  service: 'sqs',
  scope: 'regional',
  resourceTypes: [SQS_QUEUE, SQS_QUEUE_ATTRIBUTES],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { GetQueueAttributesCommand, SQSClient, paginateListQueues } = await import('@aws-sdk/client-sqs');
    const client = ctx.client(SQSClient, region);
    const scope: RegionScope = { partition: ctx.partition, account: ctx.account, region };
    const urls = await ctx.attempt({ service: 'sqs', region, operation: 'ListQueues', resourceTypes: [SQS_QUEUE] }, () =>
      allPages(paginateListQueues({ client, pageSize: 1000, stopOnSameToken: true }, {}), (p) => p.QueueUrls),
    );
    if (urls === undefined) return [];
    const arnOf = (url: string) => `arn:${ctx.partition}:sqs:${region}:${ctx.account}:${queueNameOf(url)}`;
    const attrs = await perResource(
      ctx,
      { service: 'sqs', region, operation: 'GetQueueAttributes', resourceTypes: [SQS_QUEUE_ATTRIBUTES] },
      urls,
      (u) => u,
      async (u) => {
        const a = (await client.send(new GetQueueAttributesCommand({ QueueUrl: u, AttributeNames: ['All'] }))).Attributes;
        if (!a) throw Object.assign(new Error('GetQueueAttributes answered without Attributes'), { name: 'IncompleteResponse' });
        return a;
      },
      arnOf,
    );
    return urls.map((u): Resource<any> => queueToModel(u, attrs.get(u), scope));
  },
};
