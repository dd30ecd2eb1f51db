import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
}

/** The layering rules are enforced by lint; these cases prove the rules bite, not just that they exist. */
describe('layering lint rules', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';"],
    ["import { ipcRenderer } from 'electron';"],
    ["import Database from 'better-sqlite3';"],
    ["import { openDatabase } from '../../db/open';"],
    ["import { handlers } from '../../electron/handlers/index';"],
    ["import { listHandoverRows } from '../../db/queries/handovers';"],
    ["import { handovers } from '../../db/schema';"],
    ["import { createHandover } from '../../electron/services/handovers';"],
  ])('forbids in renderer/: %s', async (line) => {
    expect(await restrictedImports('renderer/src/x.ts', `${line}\nexport {};\n`)).toBe(1);
  });

  it.each([
    ["import { handovers } from '../schema';"],
    ["import { AppError } from '../../electron/api/result';"],
    ["import { readFileSync } from 'node:fs';"],
    ["import { ipcRenderer } from 'electron';"],
  ])('keeps electron/api/domain at the bottom: forbids %s', async (line) => {
    expect(await restrictedImports('electron/api/domain/x.ts', `${line}\nexport {};\n`)).toBe(1);
  });

  it.each([
    ["import { getTotals } from '../services/totals';"],
    ["import { handlers } from '../handlers/index';"],
    ["import { dispatch } from '../handlers/dispatch';"],
    ["import { listHandoverRows } from '../../db/queries/handovers';"],
    ["import { openDatabase } from '../../db/open';"],
    ["import { readFileSync } from 'node:fs';"],
    ["import { runCli } from '../cli/main';"],
  ])('keeps the contract below the services: forbids in electron/api/: %s', async (line) => {
    expect(await restrictedImports('electron/api/x.ts', `${line}\nexport {};\n`)).toBe(1);
  });

  it.each([
    ['electron/services/x.ts', "import { handlers } from '../handlers/index';"],
    ['electron/services/x.ts', "import { dispatch } from '../handlers/dispatch';"],
    ['electron/services/x.ts', "import { startWebServer } from '../web/server';"],
    ['electron/handlers/x.ts', "import { runCli } from '../cli/main';"],
  ])('forbids an upward import in %s: %s', async (file, line) => {
    expect(await restrictedImports(file, `${line}\nexport {};\n`)).toBe(1);
  });

  it.each([
    ['db/x.ts'],
    ['electron/services/x.ts'],
    ['electron/api/x.ts'],
    ['electron/handlers/x.ts'],
    ['electron/web/x.ts'],
    ['electron/cli/x.ts'],
  ])('forbids electron in %s', async (file) => {
    expect(await restrictedImports(file, "import { app } from 'electron';\nexport { app };\n")).toBe(1);
  });

  /** One layer importing from another: `found` is how many of the imports the rules refuse. */
  it.each([
    {
      name: 'lets the renderer import the contract and its schemas',
      file: 'renderer/src/x.ts',
      imports: [
        "import { contract } from '../../electron/api/contract';",
        "import { handoverFields } from '../../electron/api/schemas/handover';",
      ],
      found: 0,
    },
    {
      name: 'lets the renderer import the domain module',
      file: 'renderer/src/x.ts',
      imports: [
        "import { STATUSES } from '../../electron/api/domain/handover';",
        "import { FILE_LIMITS } from '../../electron/api/domain/limits';",
      ],
      found: 0,
    },
    {
      name: 'lets electron/api/domain import its own modules and plain libraries',
      file: 'electron/api/domain/x.ts',
      imports: ["import type { Camp } from './handover';", "import countries from 'i18n-iso-countries';"],
      found: 0,
    },
    {
      name: 'lets the contract derive from the table and the domain',
      file: 'electron/api/x.ts',
      imports: [
        "import { handovers } from '../../db/schema';",
        "import { CAMPS } from '../../electron/api/domain/handover';",
        "import { getTableColumns } from 'drizzle-orm';",
      ],
      found: 0,
    },
    {
      name: 'lets handlers import services, the contract and queries',
      file: 'electron/handlers/x.ts',
      imports: [
        "import { getTotals } from '../services/totals';",
        "import { contract } from '../api/contract';",
        "import { listAudit } from '../../db/queries/audit';",
      ],
      found: 0,
    },
    {
      name: 'forbids db/ from reaching into the app',
      file: 'db/x.ts',
      imports: ["import { AppError } from '../electron/api/result';"],
      found: 1,
    },
    {
      name: 'lets db/ import the domain words, and nothing else of electron/',
      file: 'db/x.ts',
      imports: ["import { CAMPS } from '../electron/api/domain/handover';"],
      found: 0,
    },
    {
      name: 'forbids the renderer any path into db/, the domain words included',
      file: 'renderer/src/x.ts',
      imports: ["import { CAMPS } from '../../db/domain/handover';"],
      found: 1,
    },
    {
      name: 'lets electron/main import electron',
      file: 'electron/main/x.ts',
      imports: ["import { app } from 'electron';"],
      found: 0,
    },
  ])('$name', async ({ file, imports, found }) => {
    expect(await restrictedImports(file, `${imports.join('\n')}\nexport {};\n`)).toBe(found);
  });
});
