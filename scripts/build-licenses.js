// The licence texts shipped with the app (the About box opens their folder): the fonts' OFL, Electron's licence
// (Chromium's own list is shipped by electron-builder as LICENSES.chromium.html), and one file with the licence of
// every package the app runs, found by walking the production dependencies from package.json.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const LICENSE_FILE = /^(licen[cs]e|copying|notice)(\.|-|$)/i;

function packageDir(name, fromDir) {
  const require = createRequire(join(fromDir, 'package.json'));
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    // Packages whose "exports" hide package.json: find the folder by walking up node_modules.
    for (let dir = fromDir; ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return candidate;
      if (dirname(dir) === dir) return null;
    }
  }
}

/** Every production dependency, transitively, once per name@version, sorted by name. */
export function productionPackages(root = process.cwd()) {
  const seen = new Map();
  const visit = (dir, isRoot) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (!isRoot) {
      const key = `${pkg.name}@${pkg.version}`;
      if (seen.has(key)) return;
      seen.set(key, {
        name: pkg.name,
        version: pkg.version,
        license: typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'see text'),
        dir,
      });
    }
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      const found = packageDir(name, dir);
      if (found) visit(found, false);
    }
  };
  visit(root, true);
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function buildLicenses(outdir, root = process.cwd()) {
  mkdirSync(outdir, { recursive: true });
  for (const f of readdirSync(join(root, 'resources', 'fonts')))
    if (f.startsWith('OFL-')) copyFileSync(join(root, 'resources', 'fonts', f), join(outdir, f));
  const electron = packageDir('electron', root);
  if (electron && existsSync(join(electron, 'LICENSE')))
    copyFileSync(join(electron, 'LICENSE'), join(outdir, 'LICENSE-Electron.txt'));
  const parts = productionPackages(root).map(({ name, version, license, dir }) => {
    const file = readdirSync(dir).find((f) => LICENSE_FILE.test(f));
    const text = file
      ? readFileSync(join(dir, file), 'utf8').trim()
      : `(${license}; the package ships no licence file)`;
    return `${'='.repeat(78)}\n${name} ${version} — ${license}\n${'='.repeat(78)}\n${text}\n`;
  });
  writeFileSync(
    join(outdir, 'THIRD_PARTY_LICENSES.txt'),
    `Tasleem is built from these open-source packages, each under its own licence.\n\n${parts.join('\n')}`,
  );
  return parts.length;
}
