import pkg from '../../package.json';
import { schemaVersion } from '../../db/open';
import { runChecks } from '../services/check';
import { readChosen } from '../services/files/store';
import { getSettings, setReportLogo, setSettings } from '../services/settings';
import type { HandlersFor } from './types';

export const appHandlers: HandlersFor<'app'> & HandlersFor<'settings'> = {
  'app:info': (ctx) => ({
    name: 'Tasleem',
    version: pkg.version,
    schemaVersion: schemaVersion(ctx.db),
    mode: ctx.mode,
    dataDir: ctx.dataDir,
  }),
  'app:check': (ctx, caller) => runChecks(ctx, caller),
  'settings:get': (ctx) => getSettings(ctx),
  'settings:set': (ctx, caller, { patch }) => setSettings(ctx, caller, patch),
  'settings:setLogo': (ctx, caller, { fileId }) =>
    setReportLogo(ctx, caller, readChosen(ctx, fileId, 'reportLogo', caller.actor).bytes),
};
