/**
 * The one typed contract. Preload's allow-list, main's ipcMain handlers, the renderer client, browser-mode HTTP
 * routes and the CLI are all derived from this object. It imports zod schemas only, so the renderer may import it.
 */
import { z } from 'zod';
import { uuid } from './schemas/common';
import { handover, handoverFields, listQuery, listResult } from './schemas/handover';
import { settingsPatch, settingsSchema } from './schemas/settings';

const channel = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const contract = {
  'app:info': channel(
    z.object({}).strict(),
    z.object({ name: z.string(), version: z.string(), schemaVersion: z.number().int(), mode: z.enum(['desktop', 'web', 'cli']), dataDir: z.string() }),
  ),
  'handovers:create': channel(z.object({ data: handoverFields }).strict(), handover),
  'handovers:get': channel(z.object({ id: uuid }).strict(), handover),
  'handovers:update': channel(z.object({ id: uuid, expectedRevision: z.number().int().min(1), data: handoverFields }).strict(), handover),
  'handovers:list': channel(listQuery, listResult),
  'handovers:suggestReference': channel(z.object({ year: z.number().int().min(2000).max(2100) }).strict(), z.object({ referenceNo: z.string() })),
  'settings:get': channel(z.object({}).strict(), settingsSchema),
  'settings:set': channel(z.object({ patch: settingsPatch }).strict(), settingsSchema),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = z.output<Contract[C]['output']>;
export const CHANNELS = Object.keys(contract) as Channel[];
export const isChannel = (name: string): name is Channel => Object.prototype.hasOwnProperty.call(contract, name);
/** The prefix under which every channel is exposed over ipc and HTTP. */
export const IPC_PREFIX = 'tasleem:';
