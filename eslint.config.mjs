// @ts-check
// `npm run lint` (eslint --max-warnings 0 .): ESLint's recommended rules and typescript-eslint's
// recommended type-checked rules, which read the types through tsconfig.json (src, migrations,
// scripts, bench, test). A rule below is off only where it fired many times in code written before
// the linter (issue 18) without finding a bug, or where the code does on purpose what it flags; the
// count is its findings then. A single exception in code is
// `// eslint-disable-next-line <rule> -- <why>` (an unused one is an error).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'coverage/', '.cache/', '.data/']),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    // The reference portal's pages run in the browser as ES modules.
    files: ['portal/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'module' },
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `any` and what flows from it: GraphQL response data in the tests (`ok(res).plan.title`),
      // rows of raw SQL (`em.query`), parsed JSON and the fixtures built from them. Typing every
      // response is a larger change than the linter's introduction; findings: no-unsafe-member-access
      // 1868 (1821 in test/), no-unsafe-assignment 708 (654), no-explicit-any 337 (315),
      // no-unsafe-call 300 (291), no-unsafe-return 269 (256), no-unsafe-argument 188 (169).
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Destructured parameters of plain objects whose interface declares methods with method syntax
      // (`run({ tx, ctx, audit })` of defineMutation, a bench setup's `{ gql }`): none uses `this`.
      // 57 findings, none a bug.
      '@typescript-eslint/unbound-method': 'off',
      // Async functions without await that implement an async interface (mutation `run`, loaders,
      // bench setups) and so throw as a rejected promise, as their callers expect. 46 findings.
      '@typescript-eslint/require-await': 'off',
      // Assertions the compiler can already infer: harmless, fixable with --fix, but spread over
      // many files that other work changes at the same time. 42 findings.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // `Function` is the type type-graphql and TypeORM give a class reference (resolvers, entities,
      // object types). 14 findings.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // String(v) of an `unknown` import cell or query parameter is on purpose: an object becomes
      // "[object Object]" and fails the field's rule with a typed error. 10 findings.
      '@typescript-eslint/no-base-to-string': 'off',
      // Strings from outside (token claims, arguments, metadata) compared with string enums: the
      // comparison is the check. 5 findings.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // Template literals of URLSearchParams and of test rows in failure messages. 5 findings, all in test/.
      '@typescript-eslint/restrict-template-expressions': 'off',
      // require() loads heavy or optional packages when first needed (graphile-worker, exceljs/jszip,
      // GraphiQL from a development dependency), typed with `typeof import(...)`. 4 findings.
      '@typescript-eslint/no-require-imports': 'off',
      // The input checks match control characters on purpose (JSON white space, NUL, ASCII). 2 findings.
      'no-control-regex': 'off',
      // `\[` and `\/` in character classes, kept for reading. 2 findings.
      'no-useless-escape': 'off',
      // `_name` is unused on purpose (an express error handler's 4th argument, a key left out of a copy).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // A `let` assigned once after a closure that reads it was created (the HTTP server's handler).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
);
