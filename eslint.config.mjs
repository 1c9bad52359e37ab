// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * Type-aware linting. The import rules keep the architecture visible (STYLE.md 1 and 2):
 * libs are used only through their front door `@lessons-network/<lib>`, never through
 * `libs/<lib>/src/...` paths, and the pure libs stay free of Nest and the database.
 */
const LIBS = ['common', 'config', 'persistence', 'audit', 'identity'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      'jest.config.js',
      'eslint.config.mjs',
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
  // Domain-free libs must not depend on domain libs.
  ...['common', 'config', 'persistence', 'audit'].map((lib) => ({
    files: [`libs/${lib}/src/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: LIBS.filter((l) => !['common', 'config'].includes(l) || l === lib)
                .filter((l) => l !== lib)
                .map((l) => `@lessons-network/${l}`)
                .concat(lib === 'common' || lib === 'config' ? ['@lessons-network/*'] : []),
              message: `libs/${lib} is below the domain libs and must not import them.`,
            },
            {
              group: ['**/libs/*/src/**', '../../libs/**'],
              message: 'Import a lib through @lessons-network/<lib>.',
            },
          ],
        },
      ],
    },
  })),
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
