import { readSettings, writeSettings } from '../../db/queries/settings';
import { writeAudit } from '../../db/queries/audit';
import { settingsSchema, type Settings } from '../api/schemas/settings';
import type { AppContext, Caller } from './context';

export function getSettings(ctx: AppContext): Settings {
  const stored = readSettings(ctx.db.orm);
  // A stored value that no longer validates (older version, hand edit) falls back to its default instead of failing.
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(settingsSchema.shape)) {
    const parsed = field.safeParse(stored[key]);
    result[key] = parsed.success ? parsed.data : field.parse(undefined);
  }
  return settingsSchema.parse(result);
}

export function setSettings(ctx: AppContext, caller: Caller, patch: Partial<Settings>): Settings {
  const at = ctx.now().toISOString();
  ctx.db.sqlite.transaction(() => {
    writeSettings(ctx.db.orm, patch, at);
    writeAudit(
      ctx.db.orm,
      { actor: caller.actor, action: 'settings.set', entity: 'settings', details: { keys: Object.keys(patch) } },
      at,
    );
  })();
  return getSettings(ctx);
}
