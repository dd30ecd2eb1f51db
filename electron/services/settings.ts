import { readSettings, writeSettings } from '../../db/queries/settings';
import { writeAudit } from '../../db/queries/audit';
import { AppError } from '../api/result';
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

const IMAGE_SIGNATURES: [string, Buffer][] = [
  ['image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ['image/jpeg', Buffer.from([0xff, 0xd8, 0xff])],
];

/** The report logo, kept in the settings as a data URL (printed into every report): a PNG or JPEG by its bytes. */
export function setReportLogo(ctx: AppContext, caller: Caller, bytes: Buffer): Settings {
  const mime = IMAGE_SIGNATURES.find(([, magic]) => bytes.subarray(0, magic.length).equals(magic))?.[0];
  if (!mime) throw new AppError('BAD_FILE', 'The logo is not a PNG or JPEG image');
  return setSettings(ctx, caller, { reportLogo: `data:${mime};base64,${bytes.toString('base64')}` });
}
