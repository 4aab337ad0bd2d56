/**
 * Validation of Kubernetes manifests against the Kubernetes API schema, through `kubernetes-models`
 * (MIT; generated from the Kubernetes OpenAPI document), in two passes:
 * - its runtime validators: types, enums, formats and required fields;
 * - the TypeScript compiler over the manifests as typed object literals (`const m: IJob = {...}`): excess
 *   property checks reject unknown fields at any depth (a misspelt `completionMod` would otherwise be
 *   accepted by the schema, which allows extra fields, and silently ignored by the cluster).
 */
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { PACKAGE_ROOT } from '../../src/version.js';

export interface Manifest {
  file: string;
  /** 0-based document index in the file. */
  index: number;
  doc: { apiVersion: string; kind: string; metadata?: { name?: string }; [k: string]: unknown };
}

/** Every YAML document of the files (a parse error throws, naming the file). */
export function readManifests(files: string[]): Manifest[] {
  return files.flatMap((file) =>
    parseAllDocuments(readFileSync(file, 'utf8')).map((d, index) => {
      const [error] = d.errors;
      if (error) throw new Error(`${file}: document ${index}: ${error.message}`);
      return { file, index, doc: d.toJS() as Manifest['doc'] };
    }),
  );
}

/** `batch/v1` → `kubernetes-models/batch/v1`; core `v1` → `kubernetes-models/v1`. */
function modulePath(apiVersion: string): string {
  return `kubernetes-models/${apiVersion}`;
}

/** Runtime schema validation; returns one message per invalid manifest. */
export async function validateWithSchema(manifests: Manifest[]): Promise<string[]> {
  const errors: string[] = [];
  for (const m of manifests) {
    const where = `${m.file}#${m.index} ${m.doc.kind}/${m.doc.metadata?.name ?? '?'}`;
    let mod: Record<string, new (data: unknown) => { validate(): void }>;
    try {
      mod = (await import(modulePath(m.doc.apiVersion))) as typeof mod;
    } catch {
      errors.push(`${where}: unknown apiVersion ${m.doc.apiVersion}`);
      continue;
    }
    const Model = mod[m.doc.kind];
    if (!Model) {
      errors.push(`${where}: unknown kind ${m.doc.kind} in ${m.doc.apiVersion}`);
      continue;
    }
    try {
      new Model(m.doc).validate();
    } catch (e) {
      errors.push(`${where}: ${(e as Error).message}`);
    }
  }
  return errors;
}

/** Type-checks the manifests as typed literals; returns the compiler's messages (unknown fields, wrong types). */
export function typeCheck(manifests: Manifest[]): string[] {
  const dir = join(PACKAGE_ROOT, 'test', 'deploy');
  const fileName = join(dir, '__manifests__.ts');
  const lines: string[] = [];
  const where: string[] = [];
  manifests.forEach((m, i) => {
    lines.push(`import type { I${m.doc.kind} as T${i} } from '${modulePath(m.doc.apiVersion)}';`);
    where.push(`${m.file}#${m.index} ${m.doc.kind}/${m.doc.metadata?.name ?? '?'}`);
  });
  manifests.forEach((m, i) => lines.push(`export const m${i}: T${i} = ${JSON.stringify(m.doc)};`));
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.readFile = (f) => (f === fileName ? source : read(f));
  host.fileExists = (f) => f === fileName || exists(f);
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, ...rest) => (f === fileName ? ts.createSourceFile(f, source, lang) : getSource(f, lang, ...rest));
  const program = ts.createProgram([fileName], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
    const manifest = line >= manifests.length ? where[line - manifests.length] : 'imports';
    return `${manifest ?? '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}
