import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { auditCommand } from '../../src/cli/audit.js';
import { uploadCommand } from '../../src/cli/upload.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { parseYaml } from '../../src/util/yaml.js';

const FILE = join(PACKAGE_ROOT, 'deploy', 'github-actions', 'vigil-code-scanning.yml');

/** The long flags of a `npx --no vigil <cmd> ...` line, checked against the real command's options. */
function unknownFlags(run: string, cmd: Command): string[] {
  const known = new Set(cmd.options.map((o) => o.long));
  return [...run.matchAll(/\s(--[a-z-]+)/g)].map((m) => m[1]!).filter((f) => f !== '--no' && !known.has(f));
}

describe('deploy/github-actions/vigil-code-scanning.yml', () => {
  const wf = parseYaml(readFileSync(FILE, 'utf8'), FILE, 'fix the workflow YAML').value as any;
  const steps: any[] = wf.jobs.audit.steps;

  it('is scheduled and manual, with exactly the permissions it needs', () => {
    expect(Object.keys(wf.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(wf.permissions).toEqual({ contents: 'read', 'security-events': 'write', 'id-token': 'write' });
  });

  it('assumes an AWS role through OIDC (no stored keys) before the audit', () => {
    const aws = steps.findIndex((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@'));
    const audit = steps.findIndex((s) => /vigil audit/.test(s.run ?? ''));
    expect(aws).toBeGreaterThanOrEqual(0);
    expect(steps[aws].with['role-to-assume']).toBeDefined();
    expect(steps[aws].with['aws-access-key-id']).toBeUndefined();
    expect(audit).toBeGreaterThan(aws);
  });

  it('runs vigil audit and vigil upload with flags those commands accept', () => {
    const audit = steps.find((s) => /vigil audit/.test(s.run ?? '')).run as string;
    expect(audit).toContain('--provider aws --format sarif,html,json --fail-on none');
    expect(unknownFlags(audit, auditCommand())).toEqual([]);
    const upload = steps.find((s) => /vigil upload/.test(s.run ?? ''));
    expect(unknownFlags(upload.run, uploadCommand())).toEqual([]);
    expect(upload.env.GITHUB_TOKEN).toBe('${{ secrets.GITHUB_TOKEN }}');
  });

  it('can upload with github/codeql-action/upload-sarif and a category, and keeps the HTML report as an artifact', () => {
    const action = steps.find((s) => String(s.uses).startsWith('github/codeql-action/upload-sarif@'));
    expect(action.with).toMatchObject({ sarif_file: 'vigil-out', category: expect.any(String) });
    const artifact = steps.find((s) => String(s.uses).startsWith('actions/upload-artifact@'));
    expect(artifact.with.path).toContain('vigil-out/report.html');
    expect(artifact.if).toBe('always()');
  });

  it('keeps the history store in the Actions cache: restored before the audit, saved after it even on failure, one key per run', () => {
    const restore = steps.findIndex((s) => String(s.uses).startsWith('actions/cache/restore@'));
    const audit = steps.findIndex((s) => /vigil audit/.test(s.run ?? ''));
    const save = steps.findIndex((s) => String(s.uses).startsWith('actions/cache/save@'));
    expect(restore).toBeGreaterThanOrEqual(0);
    expect(restore).toBeLessThan(audit);
    expect(save).toBeGreaterThan(audit);
    expect(steps[save].if).toBe('always()');
    const run = steps[audit].run as string;
    const store = /--store sqlite:(\S+)/.exec(run)![1]!;
    expect(store.startsWith(`${steps[restore].with.path}/`)).toBe(true);
    expect(steps[save].with.path).toBe(steps[restore].with.path);
    expect(steps[save].with.key).toBe('vigil-history-${{ github.run_id }}');
    expect(steps[save].with.key.startsWith(steps[restore].with['restore-keys'])).toBe(true);
    expect(run).toContain('--baseline last');
  });

  it('takes the webhook from a secret through the environment, never the command line', () => {
    const audit = steps.find((s) => /vigil audit/.test(s.run ?? ''));
    expect(audit.env.VIGIL_NOTIFY_URL).toBe('${{ secrets.VIGIL_NOTIFY_URL }}');
    expect(audit.run).not.toContain('--notify');
    expect(auditCommand().options.find((o) => o.long === '--notify')?.envVar).toBe('VIGIL_NOTIFY_URL');
  });
});
