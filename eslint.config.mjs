// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * Type-aware linting. The import rules keep the architecture visible (CONTRIBUTING.md, conventions 1 and 2):
 * libs are used only through their front door `@lessons-network/<lib>`, never through
 * `libs/<lib>/src/...` paths, and the pure libs stay free of Nest and the database.
 */
/** Which other libs each lib may import. Anything not listed is refused by the lint. */
const ALLOWED = {
  common: [],
  config: [],
  persistence: [],
  audit: ['common'],
  identity: ['common', 'config', 'audit', 'persistence'],
  lessons: ['common', 'config', 'audit', 'identity', 'anonymiser'],
  anonymiser: [],
  federation: ['common', 'config', 'audit', 'identity', 'persistence', 'lessons', 'anonymiser'],
};

/** @param {string} lib @param {string[]} allowed */
function forbiddenFor(lib, allowed) {
  const group = Object.keys(ALLOWED)
    .filter((other) => other !== lib && !allowed.includes(other))
    .map((other) => `@lessons-network/${other}`);
  return group.length
    ? [{ group, message: `libs/${lib} may import only: ${allowed.join(', ') || 'no other lib'}.` }]
    : [];
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      'jest.config.js',
      'eslint.config.mjs',
      'test/support/summary-reporter.js',
      // Browser scripts of the web UI (ES modules served as they are).
      'apps/web/static/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@lessons-network/*/*'],
              message: 'Import a lib through its front door: @lessons-network/<lib>.',
            },
            {
              group: ['**/libs/*/src/**', '../../libs/**'],
              message: 'Import a lib through @lessons-network/<lib>, not its files.',
            },
          ],
        },
      ],
    },
  },
  // Dependencies point one way: each lib may import only the libs listed in ALLOWED.
  ...Object.entries(ALLOWED).map(([lib, allowed]) => ({
    files: [`libs/${lib}/src/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbiddenFor(lib, allowed),
            {
              group: ['@lessons-network/*/*', '**/libs/*/src/**'],
              message: 'Use a lib through @lessons-network/<lib>.',
            },
          ],
        },
      ],
    },
  })),
  // The anonymiser is pure TypeScript: no Nest, no database, no network.
  {
    files: ['libs/anonymiser/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'pg',
                'node:http',
                'node:https',
                'node:net',
                'node:fs',
                '@lessons-network/*',
              ],
              message: 'The anonymiser is pure: no Nest, database, network, files or other libs.',
            },
          ],
        },
      ],
    },
  },
  // The web UI reads and writes only through the node's GraphQL API (decision 0009): no database,
  // no domain lib; identity only for its access decorators and password policy, config for BASE_URL.
  {
    files: ['apps/web/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'typeorm',
                'pg',
                '@nestjs/typeorm',
                ...Object.keys(ALLOWED)
                  .filter((lib) => !['common', 'config', 'identity'].includes(lib))
                  .map((lib) => `@lessons-network/${lib}`),
              ],
              message:
                'apps/web uses the GraphQL API only: it may import @lessons-network/common, config and identity.',
            },
            {
              group: ['@lessons-network/*/*', '**/libs/*/src/**'],
              message: 'Use a lib through @lessons-network/<lib>.',
            },
          ],
        },
      ],
    },
  },
  // Tests and scripts may reach into internals where a test needs to (e.g. global setup).
  {
    files: ['test/**/*.ts', '**/*.spec.ts', 'scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
);
