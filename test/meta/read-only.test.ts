import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/version.js';

/** Non-read calls the scanner may make, each with the reason. */
const ALLOWED_NON_READ: Record<string, string> = {
  GenerateCredentialReport: 'asks IAM to build the credential report; changes no configuration (granted by SecurityAudit)',
  AssumeRole: 'organization scans: temporary credentials for the audit role in each member account (session vigil-audit); changes no configuration',
};
const READ = /^(Describe|Get|List|Search|SearchAll|Lookup)/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the scanner is read-only', () => {
  const sources = files(join(PACKAGE_ROOT, 'src', 'collectors'));
  const operations = new Map<string, string>();
  for (const f of sources) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\bnew ([A-Z][A-Za-z0-9]+)Command\b|\bpaginate([A-Z][A-Za-z0-9]+)\b/g))
      operations.set(m[1] ?? m[2]!, f.slice(PACKAGE_ROOT.length));
    // The Cloud Asset client: its read methods are searchAll*/list*/get*; anything mutating would be create/update/delete/export/set…
    for (const m of text.matchAll(/\.((?:searchAll|list|get|create|update|delete|export|set|patch|batch|analyze)[A-Z]\w*)\(/g)) {
      const name = m[1]!;
      if (f.includes(`${join('collectors', 'gcp')}`)) operations.set(name.charAt(0).toUpperCase() + name.slice(1), f.slice(PACKAGE_ROOT.length));
    }
  }

  it('finds the AWS and GCP calls it checks', () => {
    expect(operations.size).toBeGreaterThan(20);
  });

  it('every cloud API call the collectors make is a read (or an allowed, documented exception)', () => {
    const offending = [...operations].filter(([op]) => !READ.test(op) && !(op in ALLOWED_NON_READ) && !/^(Close|Destroy|Send|SetEncoding)$/.test(op));
    expect(offending).toEqual([]);
  });
});
