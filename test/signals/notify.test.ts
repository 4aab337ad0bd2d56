/**
 * The webhook notification: what it lists (the delta's changes at or above a severity), the generic JSON
 * and Slack shapes, Slack's escaping of attacker-controlled strings, and the size caps.
 */
import { describe, expect, it } from '@jest/globals';
import type { DeltaFinding, RunDelta } from '../../src/engine/history-types.js';
import { JSON_LIST_CAP, SLACK_LIST_CAP, headline, jsonPayload, notificationFor, slackEscape, slackPayload } from '../../src/signals/notify.js';

const f = (i: number, over: Partial<DeltaFinding> = {}): DeltaFinding => ({
  id: `id-${i}`,
  ruleId: 'aws-sg-open-admin-port',
  severity: 'high',
  title: 'Security group open to the internet on an admin port',
  resourceId: `sg-${String(i).padStart(4, '0')}`,
  account: '123456789012',
  region: 'us-east-1',
  ...over,
});
const HOSTILE = '<!channel> <https://evil.example|click> & *bold* `tick`\n• fake line \u202eevil';

const delta = (over: Partial<RunDelta> = {}): RunDelta => ({
  baselineRunId: 'nightly-20260101',
  newFindings: [f(1, { severity: 'critical' }), f(2, { severity: 'medium' }), f(3, { resourceName: HOSTILE })],
  resolvedFindings: [f(4), f(5, { severity: 'low' })],
  coverageLost: [f(6, { severity: 'critical' })],
  ...over,
});

interface SlackBlock {
  type: string;
  text?: { type: string; text: string };
  elements?: Array<{ text: string }>;
}

describe('notification content', () => {
  it('lists only changes at or above the severity, most severe first; nothing without a delta or without changes', () => {
    const n = notificationFor(delta(), 'high');
    expect(n.empty).toBe(false);
    expect(n.newFindings.map((x) => x.id)).toEqual(['id-1', 'id-3']);
    expect(n.resolvedFindings.map((x) => x.id)).toEqual(['id-4']);
    expect(n.coverageLost.map((x) => x.id)).toEqual(['id-6']);
    expect(headline(n)).toBe('Vigil: 2 new failures, 1 resolved, 1 no longer checked (critical/high)');
    expect(notificationFor(delta(), 'medium').newFindings).toHaveLength(3);
    expect(notificationFor(null).empty).toBe(true);
    expect(notificationFor(undefined).empty).toBe(true);
    expect(notificationFor(delta({ newFindings: [f(9, { severity: 'low' })], resolvedFindings: [], coverageLost: [] })).empty).toBe(true);
  });

  it('generic JSON: a named schema, counts, cleaned strings, and lists capped with the rest counted', () => {
    const many = Array.from({ length: JSON_LIST_CAP + 7 }, (_, i) => f(100 + i, { severity: 'medium' }));
    const body = JSON.parse(jsonPayload(notificationFor(delta({ newFindings: [f(3, { resourceName: HOSTILE }), ...many] }), 'medium')));
    expect(body.schema).toBe('vigil.notification/v1');
    expect(body.baselineRunId).toBe('nightly-20260101');
    expect(body.counts).toEqual({ new: JSON_LIST_CAP + 8, resolved: 1, coverageLost: 1 });
    expect(body.minSeverity).toBe('medium');
    expect(body.newFindings).toHaveLength(JSON_LIST_CAP);
    expect(body.omitted.new).toBe(8);
    // One line, no bidi override: a name cannot forge lines or reorder text in a receiver.
    expect(body.newFindings.find((x: DeltaFinding) => x.id === 'id-3').resourceName).toBe(
      '<!channel> <https://evil.example|click> & *bold* `tick` • fake line evil',
    );
    expect(body.coverageLost[0]).toMatchObject({ id: 'id-6', severity: 'critical' });
  });

  it('Slack: &, < and > escaped in every cloud string, names in code spans, no forged mention, link or line', () => {
    expect(slackEscape('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    const body = JSON.parse(slackPayload(notificationFor(delta())));
    const blocks = body.blocks as SlackBlock[];
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Vigil: 2 new failures, 1 resolved, 1 no longer checked (critical/high)' } });
    const text = blocks.map((b) => b.text?.text ?? b.elements?.map((e) => e.text).join(' ') ?? '').join('\n');
    expect(text).not.toMatch(/<!channel>|<https:/);
    expect(text).toContain('`&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; *bold* ˋtickˋ • fake line evil`');
    expect(text).not.toContain('\u202e');
    const newSection = blocks.find((b) => b.text?.text.startsWith('*New since run'))!;
    expect(newSection.text!.text.split('\n')).toEqual([
      '*New since run `nightly-20260101` (2)*',
      '• *CRITICAL* `aws-sg-open-admin-port` Security group open to the internet on an admin port — `sg-0001` (123456789012/us-east-1)',
      expect.stringMatching(/^• \*HIGH\* `aws-sg-open-admin-port` .* — `sg-0003` `&lt;!channel&gt;/),
    ]);
    expect(text).toContain('*No longer checked — coverage lost, not resolved (1)*');
    expect(body.text).toBe('Vigil: 2 new failures, 1 resolved, 1 no longer checked (critical/high)');
  });

  it('Slack: stays within Block Kit limits however many and however long the findings', () => {
    const long = 'x'.repeat(5000);
    const many = Array.from({ length: 500 }, (_, i) => f(i, { title: long, resourceName: long }));
    const raw = slackPayload(notificationFor(delta({ newFindings: many, resolvedFindings: many, coverageLost: many })));
    const body = JSON.parse(raw);
    const blocks = body.blocks as SlackBlock[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks) if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(b.type === 'header' ? 150 : 3000);
    const newText = blocks
      .filter((b) => b.type === 'section')
      .map((b) => b.text!.text)
      .join('\n');
    expect(newText).toContain(`_…and ${500 - SLACK_LIST_CAP} more (see the report)_`);
    expect(raw.length).toBeLessThan(40_000);
  });
});
