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
    ["import { handlers } from '../../electron/api/handlers/index';"],
    ["import { createHandover } from '../../electron/services/handovers';"],
  ])('forbids in renderer/: %s', async (line) => {
    expect(await restrictedImports('renderer/src/x.ts', `${line}\nexport {};\n`)).toBe(1);
  });

  it('lets the renderer import the contract and its schemas', async () => {
    const code = "import { contract } from '../../electron/api/contract';\nimport { handoverFields } from '../../electron/api/schemas/handover';\nexport { contract, handoverFields };\n";
    expect(await restrictedImports('renderer/src/x.ts', code)).toBe(0);
  });

  it.each([['db/x.ts'], ['electron/services/x.ts'], ['electron/api/x.ts'], ['electron/web/x.ts'], ['electron/cli/x.ts']])('forbids electron in %s', async (file) => {
    expect(await restrictedImports(file, "import { app } from 'electron';\nexport { app };\n")).toBe(1);
  });

  it('forbids db/ from reaching into the app', async () => {
    expect(await restrictedImports('db/x.ts', "import { AppError } from '../electron/api/result';\nexport { AppError };\n")).toBe(1);
  });

  it('lets electron/main import electron', async () => {
    expect(await restrictedImports('electron/main/x.ts', "import { app } from 'electron';\nexport { app };\n")).toBe(0);
  });
});
