import { settings } from '../schema';
import type { Orm } from '../open';
import { prepared } from './prepared';

const all = (orm: Orm) => orm.select().from(settings).prepare();

export function readSettings(orm: Orm): Record<string, unknown> {
  return Object.fromEntries(
    prepared(orm, all)
      .all()
      .map((r) => [r.key, r.value]),
  );
}

export function writeSettings(orm: Orm, values: Record<string, unknown>, at: string): void {
  for (const [key, value] of Object.entries(values)) {
    orm
      .insert(settings)
      .values({ key, value, updatedAt: at })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at } })
      .run();
  }
}
