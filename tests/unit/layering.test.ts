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

  it('lets the renderer import the contract and its schemas', async () => {
    const code =
      "import { contract } from '../../electron/api/contract';\nimport { handoverFields } from '../../electron/api/schemas/handover';\nexport { contract, handoverFields };\n";
    expect(await restrictedImports('renderer/src/x.ts', code)).toBe(0);
  });

  it('lets the renderer import the domain module', async () => {
    const code =
      "import { STATUSES } from '../../electron/api/domain/handover';\nimport { FILE_LIMITS } from '../../electron/api/domain/limits';\nexport { STATUSES, FILE_LIMITS };\n";
    expect(await restrictedImports('renderer/src/x.ts', code)).toBe(0);
  });

  it.each([
    ["import { handovers } from '../schema';"],
    ["import { AppError } from '../../electron/api/result';"],
    ["import { readFileSync } from 'node:fs';"],
    ["import { ipcRenderer } from 'electron';"],
  ])('keeps electron/api/domain at the bottom: forbids %s', async (line) => {
    expect(await restrictedImports('electron/api/domain/x.ts', `${line}\nexport {};\n`)).toBe(1);
  });

  it('lets electron/api/domain import its own modules and plain libraries', async () => {
    expect(
      await restrictedImports(
        'electron/api/domain/x.ts',
        "import type { Camp } from './handover';\nimport countries from 'i18n-iso-countries';\nexport { countries };\nexport type { Camp };\n",
      ),
    ).toBe(0);
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

  it('lets the contract derive from the table and the domain', async () => {
    const code =
      "import { handovers } from '../../db/schema';\nimport { CAMPS } from '../../electron/api/domain/handover';\nimport { getTableColumns } from 'drizzle-orm';\nexport { handovers, CAMPS, getTableColumns };\n";
    expect(await restrictedImports('electron/api/x.ts', code)).toBe(0);
  });

  it.each([
    ['electron/services/x.ts', "import { handlers } from '../handlers/index';"],
    ['electron/services/x.ts', "import { dispatch } from '../handlers/dispatch';"],
    ['electron/services/x.ts', "import { startWebServer } from '../web/server';"],
    ['electron/handlers/x.ts', "import { runCli } from '../cli/main';"],
  ])('forbids an upward import in %s: %s', async (file, line) => {
    expect(await restrictedImports(file, `${line}\nexport {};\n`)).toBe(1);
  });

  it('lets handlers import services, the contract and queries', async () => {
    const code =
      "import { getTotals } from '../services/totals';\nimport { contract } from '../api/contract';\nimport { listAudit } from '../../db/queries/audit';\nexport { getTotals, contract, listAudit };\n";
    expect(await restrictedImports('electron/handlers/x.ts', code)).toBe(0);
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

  it('forbids db/ from reaching into the app', async () => {
    expect(
      await restrictedImports('db/x.ts', "import { AppError } from '../electron/api/result';\nexport { AppError };\n"),
    ).toBe(1);
  });

  it('lets db/ import the domain words, and nothing else of electron/', async () => {
    expect(
      await restrictedImports(
        'db/x.ts',
        "import { CAMPS } from '../electron/api/domain/handover';\nexport { CAMPS };\n",
      ),
    ).toBe(0);
  });

  it('forbids the renderer any path into db/, the domain words included', async () => {
    expect(
      await restrictedImports(
        'renderer/src/x.ts',
        "import { CAMPS } from '../../db/domain/handover';\nexport { CAMPS };\n",
      ),
    ).toBe(1);
  });

  it('lets electron/main import electron', async () => {
    expect(await restrictedImports('electron/main/x.ts', "import { app } from 'electron';\nexport { app };\n")).toBe(0);
  });
});
