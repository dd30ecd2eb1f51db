import { Resvg } from '@resvg/resvg-js';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { minimatch } from 'minimatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEV_ELECTRON_BINDING } from '../../db/native-binding';
import { defaultMigrationsFolder, openDatabase, schemaVersion } from '../../db/open';
import { BUNDLE_EXTENSION } from '../../electron/main/opened-files';
import { buildElectron, EXTERNAL } from '../../scripts/build-electron.js';
import { packagedBinaries } from '../../scripts/check-fuses.js';
import { builderInvocation } from '../../scripts/dist.js';
import { ADDON, isCurrent, plan } from '../../scripts/electron-native.js';

// The CommonJS hooks, loaded the way electron-builder loads them.
const requireCjs = createRequire(import.meta.url);
const fuses = requireCjs('../../scripts/fuses.cjs') as typeof import('../../scripts/fuses.cjs');
const afterPack = requireCjs('../../scripts/after-pack.cjs') as { default: (context: unknown) => Promise<void> };

const root = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  main: string;
};
interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  afterPack: string;
  electronLanguages: string[];
  fileAssociations: { ext: string; mimeType: string }[];
  directories: { buildResources: string };
  win: { target: string[]; icon: string };
  nsis: Record<string, unknown>;
  linux: { target: string[]; icon: string; mimeTypes: string[]; executableName: string };
  mac: { target: string[]; icon: string };
}
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** electron-builder's `files`: patterns in order, a `!` pattern excluding what the ones before it included. */
const packaged = (path: string) =>
  config.files.reduce(
    (inc, p) =>
      p.startsWith('!') ? inc && !minimatch(path, p.slice(1), { dot: true }) : inc || minimatch(path, p, { dot: true }),
    false,
  );
const unpacked = (path: string) => config.asarUnpack.some((p) => minimatch(path, p, { dot: true }));
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
const rel = (file: string) => relative(root, file).split(sep).join('/');

describe('electron-builder.yml', () => {
  it('names the app and builds NSIS per user, AppImage + deb, dmg', () => {
    expect(config.appId).toBe('org.tasleem.app');
    expect(config.productName).toBe('Tasleem');
    expect(config.win.target).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: false,
      deleteAppDataOnUninstall: false,
    });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('speaks Arabic and English in the installer where the target can', () => {
    expect(config.nsis.installerLanguages).toEqual(expect.arrayContaining(['ar_SA', 'en_US']));
    expect(config.nsis.multiLanguageInstaller).toBe(true);
    expect(config.electronLanguages).toEqual(expect.arrayContaining(['ar', 'en-US']));
  });

  it('associates exchange bundles with the app, with the extension the app looks for', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: BUNDLE_EXTENSION, mimeType: 'application/x-tasleem-bundle' }),
    ]);
    expect(config.linux.mimeTypes).toContain('application/x-tasleem-bundle');
  });

  it('has an icon for every platform, generated from the one SVG and up to date with it', () => {
    const dir = join(root, config.directories.buildResources);
    expect(readFileSync(join(root, config.win.icon)).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0])); // ICO header
    expect(readFileSync(join(root, config.mac.icon)).subarray(0, 4).toString()).toBe('icns');
    const svg = readFileSync(join(dir, 'icon.svg'));
    for (const size of [16, 48, 256, 512]) {
      const committed = readFileSync(join(root, config.linux.icon, `${size}x${size}.png`));
      const rendered = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
      expect(committed.equals(rendered), `${size}x${size}.png differs from icon.svg: run npm run icons`).toBe(true);
    }
  });

  it('points afterPack at the fuse hook', () => {
    expect(existsSync(join(root, config.afterPack))).toBe(true);
    expect(typeof afterPack.default).toBe('function');
  });
});

describe('what the package holds', () => {
  it('includes every migration, and they run from the packaged layout', () => {
    const migrations = walk(defaultMigrationsFolder()).map(rel);
    expect(migrations.length).toBeGreaterThan(3);
    for (const f of migrations) expect(packaged(f), f).toBe(true);
    // The app as electron-builder lays it out: only the packaged files, at their paths under the app folder.
    const app = mkdtempSync(join(tmpdir(), 'tasleem-packaged-'));
    try {
      for (const f of migrations) {
        mkdirSync(dirname(join(app, f)), { recursive: true });
        cpSync(join(root, f), join(app, f));
      }
      // main.ts passes join(app.getAppPath(), 'db', 'migrations').
      expect(readFileSync(join(root, 'electron/main/main.ts'), 'utf8')).toContain(
        "migrationsFolder: join(appPath, 'db', 'migrations')",
      );
      const key = Buffer.alloc(32, 7);
      const db = openDatabase(join(app, 'tasleem.db'), { key, migrationsFolder: join(app, 'db', 'migrations') });
      const reference = openDatabase(':memory:', { key });
      expect(schemaVersion(db)).toBe(schemaVersion(reference));
      db.close();
      reference.close();
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });

  it('includes the fonts, their licences and the report templates, but not the icon sources', () => {
    const resources = walk(join(root, 'resources')).map(rel);
    const runtime = resources.filter((f) => !f.startsWith('resources/build/'));
    expect(runtime.filter((f) => /\.(ttf|woff2)$/.test(f)).length).toBeGreaterThanOrEqual(4);
    expect(runtime.filter((f) => /OFL-.*\.txt$/.test(f)).length).toBe(2);
    expect(runtime.some((f) => f.endsWith('.typ'))).toBe(true);
    for (const f of runtime) expect(packaged(f), f).toBe(true);
    expect(packaged('resources/build/icon.svg')).toBe(false);
  });

  it('includes the renderer build, with the world map bundled into it', () => {
    expect(packaged('dist/renderer/index.html')).toBe(true);
    expect(packaged('dist/renderer/assets/index-abc123.js')).toBe(true);
    expect(packaged('dist/renderer/assets/index-abc123.js.map')).toBe(false);
    // A static JSON import: Vite inlines the map into the renderer bundle, so it needs no file of its own.
    expect(readFileSync(join(root, 'renderer/src/components/totals/WorldMap.tsx'), 'utf8')).toMatch(
      /^import world from 'world-atlas\/countries-110m\.json';$/m,
    );
  });

  it('unpacks every native module from the asar archive', () => {
    const natives = walk(join(root, 'node_modules'))
      .filter((f) => f.endsWith('.node'))
      .map(rel);
    const needed = natives.filter((f) => /node_modules\/(better-sqlite3|@myriaddreamin)\//.test(f));
    expect(needed.some((f) => f.startsWith('node_modules/better-sqlite3/'))).toBe(true);
    for (const f of natives) expect(unpacked(f), f).toBe(true);
    for (const name of EXTERNAL.filter((e) => e !== 'electron'))
      expect(pkg.dependencies[name], `${name} is a dependency, so it is packaged`).toBeTruthy();
  });
});

describe('the desktop bundles', () => {
  let out: string;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'tasleem-bundles-'));
    const cwd = process.cwd();
    process.chdir(root);
    try {
      await buildElectron(out);
    } finally {
      process.chdir(cwd);
    }
  }, 180_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  /** The modules a CommonJS bundle leaves to require() at run time (esbuild's comments and keys name them too: skip those). */
  const requires = (file: string) => [
    ...new Set(
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => !l.trimStart().startsWith('//'))
        .flatMap((l) => [...l.matchAll(/(?<![\w$.'"])require\("([^"]+)"\)/g)].map((m) => m[1]!)),
    ),
  ];
  const isBuiltin = (m: string) => builtinModules.includes(m.replace(/^node:/, ''));
  const packageOf = (m: string) => (m.startsWith('@') ? m.split('/').slice(0, 2).join('/') : m.split('/')[0]!);

  it('main and the workers import only Node, Electron and packaged native modules', () => {
    const workers = Object.keys(JSON.parse(readFileSync(join(root, 'electron/services/workers.json'), 'utf8')));
    expect(workers).toContain('import-writer');
    for (const bundle of ['main.cjs', ...workers.map((w) => `${w}.cjs`)]) {
      expect(existsSync(join(out, bundle)), `${bundle} was built`).toBe(true);
      expect(packaged(`dist-electron/${bundle}`)).toBe(true);
      const outside = requires(join(out, bundle)).filter((m) => !isBuiltin(m) && m !== 'electron');
      for (const m of outside) {
        expect(m.startsWith('.'), `${bundle} requires a loose file ${m}`).toBe(false);
        expect(
          pkg.dependencies[packageOf(m)],
          `${bundle} requires ${m}, which is not a packaged dependency`,
        ).toBeTruthy();
        expect(EXTERNAL).toContain(packageOf(m));
      }
    }
    expect(`./${pkg.main}`).toBe('./dist-electron/main.cjs');
  });

  it('the sandboxed preload requires nothing but electron', () => {
    expect(requires(join(out, 'preload.cjs'))).toEqual(['electron']);
  });

  it('ships the licence texts the About box opens', () => {
    const licences = join(out, 'licenses');
    expect(readdirSync(licences).sort()).toEqual([
      'LICENSE-Electron.txt',
      'OFL-NotoNaskhArabic.txt',
      'OFL-NotoSans.txt',
      'THIRD_PARTY_LICENSES.txt',
    ]);
    const third = readFileSync(join(licences, 'THIRD_PARTY_LICENSES.txt'), 'utf8');
    // The SQLite module is credited under its real name: the cipher build is installed under the better-sqlite3 alias.
    const sqlite = (
      JSON.parse(readFileSync(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')) as { name: string }
    ).name;
    for (const name of ['react', sqlite, 'drizzle-orm', 'electron-log', '@mantine/core'])
      expect(third).toMatch(new RegExp(`^${name.replace('/', '\\/')} \\d`, 'm'));
    expect(config.extraResources).toEqual([{ from: 'dist-electron/licenses', to: 'licenses' }]);
  });
});

describe('the SQLite module across Node and Electron', () => {
  it('builds the Electron copy from whatever is installed as better-sqlite3, where the app looks for it', () => {
    const installed = JSON.parse(readFileSync(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    const wanted = plan(root);
    expect(wanted.module).toBe(`${installed.name}@${installed.version}`);
    expect(wanted.electron).toMatch(/^\d+\.\d+\.\d+/);
    expect(ADDON).toBe(DEV_ELECTRON_BINDING);
  });

  it('rebuilds only when Electron or the module changed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tasleem-native-'));
    try {
      const wanted = plan(root);
      expect(isCurrent(dir, wanted)).toBe(false);
      mkdirSync(join(dir, '.electron-native'));
      writeFileSync(join(dir, ADDON), 'addon');
      writeFileSync(join(dir, '.electron-native/stamp.json'), JSON.stringify(wanted));
      expect(isCurrent(dir, wanted)).toBe(true);
      expect(isCurrent(dir, { ...wanted, electron: '99.0.0' })).toBe(false);
      expect(isCurrent(dir, { ...wanted, module: 'better-sqlite3-multiple-ciphers@12.0.0' })).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('fuses', () => {
  it('sets every fuse of the wire, as the issue asks', () => {
    const names = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    expect(Object.keys(fuses.FUSES).sort()).toEqual(names.sort());
    expect(fuses.FUSES).toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableCookieEncryption: true,
      OnlyLoadAppFromAsar: true,
      EnableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('afterPack flips them in the packaged binary and reads them back', async () => {
    // A file carrying Electron's fuse wire as the binary does (sentinel, version 1, length, one byte per fuse, all
    // at Electron's defaults), so the hook runs here; the real binary is checked below where one was packaged.
    const dir = mkdtempSync(join(tmpdir(), 'tasleem-fuses-'));
    try {
      const defaults = '10101100'; // RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, …
      writeFileSync(
        join(dir, 'tasleem'),
        Buffer.concat([
          Buffer.alloc(4096, 7),
          Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
          Buffer.from([1, 8]),
          Buffer.from(defaults),
          Buffer.alloc(4096, 7),
        ]),
      );
      expect(await fuses.fuseMismatches(join(dir, 'tasleem'))).not.toEqual([]);
      await afterPack.default({
        appOutDir: dir,
        electronPlatformName: 'linux',
        arch: 1,
        packager: { appInfo: { productFilename: 'Tasleem' }, executableName: 'tasleem' },
      });
      expect(await fuses.fuseMismatches(join(dir, 'tasleem'))).toEqual([]);
      const wire = await getCurrentFuseWire(join(dir, 'tasleem'));
      expect(
        String.fromCharCode(
          wire[FuseV1Options.RunAsNode]!,
          wire[FuseV1Options.EnableCookieEncryption]!,
          wire[FuseV1Options.OnlyLoadAppFromAsar]!,
        ),
      ).toBe('011');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the packaged binary per platform', () => {
    const o = { appOutDir: '/out', productFilename: 'Tasleem', executableName: 'tasleem' };
    expect(fuses.packagedBinary({ ...o, platform: 'win32' })).toBe(join('/out', 'Tasleem.exe'));
    expect(fuses.packagedBinary({ ...o, platform: 'darwin' })).toBe(join('/out', 'Tasleem.app'));
    expect(fuses.packagedBinary({ ...o, platform: 'linux' })).toBe(join('/out', 'tasleem'));
  });

  const binaries = packagedBinaries(join(root, 'release'));
  if (!binaries.length)
    console.warn(
      '[packaging] SKIPPED reading fuses back from a packaged app: nothing under release/ (packaging needs the Electron binary, which cannot be downloaded here). Run `npm run dist && npm run check:fuses` where it is installed.',
    );
  it.skipIf(!binaries.length)('are set in every packaged app under release/ (needs the Electron binary)', async () => {
    for (const b of binaries) expect(await fuses.fuseMismatches(b), b).toEqual([]);
  });
});

describe('code signing', () => {
  it('is off unless TASLEEM_SIGN=1, even where a certificate is configured', () => {
    const off = builderInvocation({
      CSC_LINK: '/secret/cert.p12',
      CSC_KEY_PASSWORD: 'x',
      WIN_CSC_LINK: '/w.pfx',
      PATH: '/bin',
    });
    expect(off.signed).toBe(false);
    expect(off.env).toMatchObject({ CSC_IDENTITY_AUTO_DISCOVERY: 'false', PATH: '/bin' });
    expect(off.env.CSC_LINK).toBeUndefined();
    expect(off.env.WIN_CSC_LINK).toBeUndefined();
    expect(off.args).toContain('-c.mac.identity=null');
    const on = builderInvocation(
      {
        TASLEEM_SIGN: '1',
        CSC_LINK: '/secret/cert.p12',
        APPLE_ID: 'a',
        APPLE_APP_SPECIFIC_PASSWORD: 'b',
        APPLE_TEAM_ID: 'c',
      },
      ['--mac'],
    );
    expect(on).toMatchObject({ signed: true, env: { CSC_LINK: '/secret/cert.p12' } });
    expect(on.args).toEqual(expect.arrayContaining(['--mac', '-c.mac.notarize=true']));
    expect(builderInvocation({ TASLEEM_SIGN: '1' }).args).toContain('-c.mac.notarize=false');
  });
});
