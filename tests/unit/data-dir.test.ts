import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../electron/services/data-dir';

describe('resolveDataDir', () => {
  it('honours TASLEEM_DATA_DIR', () => {
    expect(resolveDataDir({ TASLEEM_DATA_DIR: '/tmp/x' }, 'linux')).toBe('/tmp/x');
  });
  it('uses the per-user app data folder of each OS', () => {
    expect(resolveDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming[\\/]Tasleem$/);
    expect(resolveDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Tasleem$/);
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/home/a/.config' }, 'linux')).toBe('/home/a/.config/Tasleem');
  });
});
