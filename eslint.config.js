import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const NODE_MODULES =
  '^(node:.*|fs|path|os|crypto|child_process|http|https|net|url|stream|better-sqlite3|drizzle-orm(/.*)?|playwright-core|electron(/.*)?)$';

/**
 * Layering (as in VS Code's code-layering rule), bottom to top; each layer imports only from the layers below it:
 *   electron/api/domain shared words and shapes (statuses, camps, filters, limits): everyone imports it, it imports nothing of ours
 *                       (it sits in the contract's folder because the renderer may import the contract and never db/)
 *   db/                 the table, migrations, queries
 *   electron/api/       the contract: channels and zod schemas (derived from db/schema.ts), results
 *   electron/services/  behaviour
 *   electron/handlers/  each channel's implementation, and dispatch
 *   main, web, cli      the transports; renderer/ talks to them through the contract only
 */
const rule = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const NO_ELECTRON = {
  regex: '^electron(/.*)?$|/main/(main|ipc)$',
  message: 'db/ and the services run without Electron (tests, CLI, browser mode).',
};
/** drizzle-orm's table helpers run anywhere; its drivers and every Node module do not. */
const NO_NODE = {
  regex: NODE_MODULES.replace('drizzle-orm(/.*)?', 'drizzle-orm/(?!sqlite-core$).*'),
  message: 'This layer also runs in the renderer, which has no Node or Electron.',
};
const NO_TRANSPORTS = {
  regex: '(^|/)electron/(main|web|cli)(/|$)|^\\.\\./(\\.\\./)*(main|web|cli)/',
  message: 'Only the transports (main, web, cli) know about each other.',
};
const NO_HANDLERS = {
  regex: '(^|/)handlers(/|$)|/dispatch$',
  message: 'Handlers sit above the services and the contract: nothing below imports them.',
};
const NO_SERVICES = {
  regex: '(^|/)services(/|$)',
  message: 'The contract sits below the services: it never imports them.',
};

export default tseslint.config(
  {
    ignores: [
      '.tmp/**',
      'dist/**',
      'dist-electron/**',
      'dist-web/**',
      'release/**',
      'node_modules/**',
      'db/migrations/**',
      '.electron-native/**',
    ],
  },
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
      ...rule(
        {
          regex: NODE_MODULES,
          message:
            'The renderer runs in a sandbox without Node or Electron; it talks to main only through window.tasleem.',
        },
        {
          regex: '(^|/)db(/|$)',
          message: 'The renderer never touches the database; shared words and shapes are in electron/api/domain.',
        },
        {
          regex: '/electron/(?!api/(contract|events|result|(schemas|channels|domain)/[a-z-]+)$)',
          message: 'Only the contract (zod schemas, types and the domain words) may be imported from electron/.',
        },
      ),
    },
  },
  {
    files: ['electron/api/domain/**/*.ts'],
    rules: rule(NO_NODE, {
      regex: '^\\.\\./',
      message: 'electron/api/domain is the bottom layer: it imports nothing of ours outside itself.',
    }),
  },
  {
    files: ['db/**/*.ts'],
    rules: rule(NO_ELECTRON, {
      regex: '(^|/)electron/(?!api/domain/[a-z-]+$)',
      message: 'db/ is plain Node and knows nothing of the app but the domain words.',
    }),
  },
  {
    files: ['electron/api/**/*.ts'],
    // The domain has its own, stricter rule above; flat config would let this one replace it.
    ignores: ['electron/api/domain/**'],
    rules: rule(NO_NODE, NO_SERVICES, NO_HANDLERS, NO_TRANSPORTS, {
      regex: '(^|/)db/(?!schema$)',
      message: 'The contract derives its shapes from db/schema.ts only, never from queries or the connection.',
    }),
  },
  { files: ['electron/services/**/*.ts'], rules: rule(NO_ELECTRON, NO_HANDLERS, NO_TRANSPORTS) },
  { files: ['electron/handlers/**/*.ts'], rules: rule(NO_ELECTRON, NO_TRANSPORTS) },
  { files: ['electron/web/**/*.ts', 'electron/cli/**/*.ts'], rules: rule(NO_ELECTRON) },
  // electron-builder loads its hooks with require(): those stay CommonJS.
  {
    files: ['scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Last, so formatting is Prettier's alone.
  prettier,
);
