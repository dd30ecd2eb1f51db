import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_MODULES = '^(node:.*|fs|path|os|crypto|child_process|http|https|net|url|stream|better-sqlite3|drizzle-orm(/.*)?|playwright-core|electron(/.*)?)$';

/** Layering (as in VS Code's code-layering rule): the renderer reaches the Node side only through the contract. */
export default tseslint.config(
  { ignores: ['.tmp/**', 'dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'db/migrations/**', '.electron-native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: NODE_MODULES, message: 'The renderer runs in a sandbox without Node or Electron; it talks to main only through window.tasleem.' },
            { regex: '(^|/)db(/|$)', message: 'The renderer never touches the database.' },
            { regex: '/electron/(?!api/(contract|result|(schemas|channels)/[a-z-]+)$)', message: 'Only the contract (zod schemas and types) may be imported from electron/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts', 'electron/api/**/*.ts', 'electron/services/**/*.ts', 'electron/web/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^electron(/.*)?$|/main/(main|ipc)$', message: 'db/ and the services run without Electron (tests, CLI, browser mode).' }] }],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^electron(/.*)?$|(^|/)electron/', message: 'db/ is plain Node and knows nothing of the app.' }] }],
    },
  },
  // electron-builder loads its hooks with require(): those stay CommonJS.
  { files: ['scripts/**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
