import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

// The domain core must stay pure: no UI framework, no DOM, no clock, no randomness.
const coreRestrictions = {
  files: ['src/core/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['react', 'react-*', 'react/*', '@xstate/react'], message: 'src/core is pure TypeScript: no React.' },
          { group: ['**/app/**', '**/ui/**', '../app/*', '../../app/*'], message: 'src/core must not import UI code.' },
        ],
      },
    ],
    'no-restricted-globals': [
      'error',
      { name: 'window', message: 'src/core has no DOM.' },
      { name: 'document', message: 'src/core has no DOM.' },
      { name: 'navigator', message: 'src/core has no DOM.' },
      { name: 'localStorage', message: 'src/core has no storage.' },
      { name: 'location', message: 'src/core has no DOM.' },
      { name: 'fetch', message: 'src/core does no I/O.' },
    ],
    'no-restricted-properties': [
      'error',
      { object: 'Math', property: 'random', message: 'src/core is deterministic.' },
      { object: 'Date', property: 'now', message: 'src/core has no clock.' },
    ],
    'no-restricted-syntax': [
      'error',
      { selector: "NewExpression[callee.name='Date']", message: 'src/core has no clock.' },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.strict.rules,
      // Labels wrap their control with the text a level or two deeper (label > span > strong).
      'jsx-a11y/label-has-associated-control': ['error', { assert: 'either', depth: 3 }],
    },
  },
  coreRestrictions,
  {
    files: ['src/core/**/*.test.ts', 'src/core/testing/**/*.ts'],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-syntax': 'off' },
  },
);
