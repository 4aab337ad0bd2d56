import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinRules, packs } from '../../policies/index.js';
import { ruleProblems } from '../../src/engine/load-rules.js';
import { PACKAGE_ROOT } from '../../src/version.js';

const policiesDir = join(PACKAGE_ROOT, 'policies');
const packDirs = readdirSync(policiesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
  .map((d) => d.name);

describe('rules about rules', () => {
  it('has at least one rule', () => {
    expect(builtinRules.length).toBeGreaterThan(0);
  });

  it('every pack folder is registered in policies/index.ts and vice versa', () => {
    expect(Object.keys(packs).sort()).toEqual(packDirs.sort());
  });

  it('rule ids are unique', () => {
    const ids = builtinRules.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  for (const pack of packDirs) {
    it(`${pack}: the index lists exactly the rule files of the folder, and each id equals its file name`, async () => {
      const files = readdirSync(join(policiesDir, pack)).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
      const listed = packs[pack] ?? [];
      const fromFiles = [];
      for (const f of files) {
        const mod = (await import(pathToFileURL(join(policiesDir, pack, f)).href)) as { default: { id: string } };
        expect({ file: f, id: mod.default?.id }).toEqual({ file: f, id: basename(f, '.ts') });
        expect(listed).toContain(mod.default);
        fromFiles.push(mod.default);
      }
      expect(listed.length).toBe(fromFiles.length);
    });
  }

  for (const rule of builtinRules) {
    describe(rule.id, () => {
      it('is well-formed (metadata, remediation, references, messages)', () => {
        expect(ruleProblems(rule, rule.id)).toEqual([]);
        expect(rule.references.length).toBeGreaterThan(0);
        for (const u of rule.references) expect(u).toMatch(/^https:\/\//);
      });
      it('has a test file test/policies/<pack>/<id>.test.ts', () => {
        expect(existsSync(join(PACKAGE_ROOT, 'test', 'policies', rule.pack, `${rule.id}.test.ts`))).toBe(true);
      });
      it('has a doc entry in policies/<pack>/README.md', () => {
        const readme = join(policiesDir, rule.pack, 'README.md');
        expect(existsSync(readme)).toBe(true);
        expect(readFileSync(readme, 'utf8')).toMatch(new RegExp(`^###\\s+\`?${rule.id}\`?\\s*$`, 'm'));
      });
      it('declares a schema that accepts its own defaults', () => {
        if (!rule.defaults || Object.keys(rule.defaults).length === 0) return;
        expect(rule.optionsSchema).toBeDefined();
        const validate = new Ajv({ strict: false }).compile(rule.optionsSchema!);
        expect(validate(rule.defaults)).toBe(true);
      });
    });
  }
});
