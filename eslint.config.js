// Lint: typescript-eslint's recommended rules (syntax only, no type information: fast enough for every
// `npm test`) plus the import boundaries of the architecture (README, "Architecture notes").
import tseslint from 'typescript-eslint';

/** `no-restricted-imports` patterns: what a layer must not import. */
const forbid = (...groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }],
});
const POLICIES = ['**/policies/**', '../../policies/*', '../policies/*'];
const REPORTERS = ['**/reporters/**', '../reporters/*'];
const CLI = ['**/cli/**', '../cli/*'];
const COLLECTORS = ['**/collectors/**', '../collectors/*'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'vigil-out/**', 'coverage/**', 'reports/report.js', 'src/model/generated/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  // The model is the contract: it imports nothing of the layers around it.
  {
    files: ['src/model/**/*.ts'],
    rules: forbid([['**/engine/**', '../engine/*', ...COLLECTORS, ...REPORTERS, ...CLI, ...POLICIES], 'src/model is the contract and imports no other layer']),
  },
  // Collectors only produce snapshots: no rules, no engine, no reports, no CLI. And an SDK client is loaded
  // when its collector runs (`await import('@aws-sdk/client-…')` inside `collect`), never with the module: a
  // static value import would put it back on the start-up path of every command (README, "Architecture notes").
  {
    files: ['src/collectors/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...POLICIES, '**/engine/**', ...REPORTERS, ...CLI],
              message: 'collectors produce snapshots (src/model) and never read rules, the engine or reports',
            },
            {
              group: ['@aws-sdk/client-*', '@google-cloud/*', 'google-auth-library'],
              allowTypeImports: true,
              message:
                "load cloud SDKs where they are used: `const { XClient } = await import('@aws-sdk/client-x')` inside collect(); `import type` at the top",
            },
          ],
        },
      ],
    },
  },
  // The engine evaluates: it reads the model, never reporters, collectors, the CLI or a rule pack.
  {
    files: ['src/engine/**/*.ts'],
    rules: forbid([[...REPORTERS, ...COLLECTORS, ...CLI, ...POLICIES], 'the engine reads the model only; rule packs are passed in']),
  },
  // Reporters read findings (engine results) and the model; they collect and evaluate nothing.
  { files: ['src/reporters/**/*.ts'], rules: forbid([[...COLLECTORS, ...CLI, ...POLICIES], 'reporters render results only']) },
  // Signals (metrics, Pushgateway, webhooks) send what the engine computed: no collectors, rules, reporters or CLI.
  {
    files: ['src/signals/**/*.ts'],
    rules: forbid([[...COLLECTORS, ...CLI, ...POLICIES, ...REPORTERS], 'signals send engine results only; the CLI calls them']),
  },
  // The history store records engine results and reads them back; the CLI drives it. It never reads collectors, reporters or rule packs.
  {
    files: ['src/history/**/*.ts'],
    rules: forbid([[...COLLECTORS, ...REPORTERS, ...CLI, ...POLICIES], 'the history store reads engine results and the model only']),
  },
  // Rule packs use the rule API (engine types, model); never collectors, reporters or the CLI.
  {
    files: ['policies/**/*.ts'],
    rules: forbid([['**/src/collectors/**', '**/src/reporters/**', '**/src/cli/**'], 'rules read the snapshot through the rule API only']),
  },
  // No casts in rule bodies: a rule's data type follows from its `resourceTypes` (DataOf<T>), so a cast
  // only hides a wrong assumption about the snapshot. Narrow with checks instead; _lib keeps its typed helpers.
  {
    files: ['policies/**/*.ts'],
    ignores: ['policies/_lib/**'],
    rules: {
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
);
