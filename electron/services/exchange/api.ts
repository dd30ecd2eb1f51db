import { AppError } from '../../api/result';
import type { OfficeCardOut } from '../../api/schemas/io';
import type { AppContext, Caller } from '../context';
import { holdFor } from '../files/store';
import { exportBundle } from './merge';
import { addOffice, fingerprint, initOffice, knownOffices, ownCard, type OfficeCard } from './office';

/** What the app shows of an office: its card as a file to hand over, and the fingerprint to read aloud. */
export const cardOut = (c: OfficeCard): OfficeCardOut => ({
  id: c.id,
  name: c.name,
  fingerprint: fingerprint(c),
  card: JSON.stringify(c, null, 2),
});

export function officeOrNull(ctx: AppContext): OfficeCardOut | null {
  try {
    return cardOut(ownCard(ctx));
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}

/** This office's card as a file to hand to another office (the page saves it like any file the app made). */
export function officeCardFile(ctx: AppContext, caller: Caller) {
  const own = cardOut(ownCard(ctx));
  const name = `${own.name.replace(/[^\p{L}\p{N}]+/gu, '-')}.tasleem-office.json`;
  return holdFor(ctx, caller.actor, { fileName: name, mime: 'application/json', bytes: Buffer.from(own.card) });
}

export const officeInit = (ctx: AppContext, caller: Caller, name: string) => cardOut(initOffice(ctx, caller, name));
export const offices = (ctx: AppContext) => Object.values(knownOffices(ctx)).map(cardOut);

export function officeAdd(ctx: AppContext, caller: Caller, text: string): OfficeCardOut {
  let card: unknown;
  try {
    card = JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION', 'Not an office card', { issues: [{ path: 'card', key: 'invalid' }] });
  }
  return cardOut(addOffice(ctx, caller, card));
}

/** The bundle held for the caller: the page saves it, the CLI writes it where it was told. */
export function bundleExport(ctx: AppContext, caller: Caller, toOfficeId: string, ids: string[]) {
  const b = exportBundle(ctx, caller, toOfficeId, ids);
  const file = holdFor(ctx, caller.actor, { fileName: b.fileName, mime: 'application/json', bytes: b.data });
  return { ...file, bundleId: b.bundleId, records: b.records };
}
