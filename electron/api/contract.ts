/**
 * The one typed contract. Preload's allow-list, main's ipcMain handlers, the renderer client, browser-mode HTTP
 * routes and the CLI are all derived from this object. It imports zod schemas only, so the renderer may import it.
 * Each area declares its channels in channels/<area>.ts and is spread in here.
 */
import type { z } from 'zod';
import { appChannels } from './channels/app';
import { attachmentChannels } from './channels/attachments';
import { countryChannels } from './channels/countries';
import { sampleChannels } from './channels/samples';
import { authChannels } from './channels/auth';
import { backupChannels } from './channels/backup';
import { handoverChannels } from './channels/handovers';
import { keyChannels } from './channels/keys';
import { ioChannels } from './channels/io';
import { reportChannels } from './channels/report';
import { totalsChannels } from './channels/totals';

export const contract = {
  ...appChannels,
  ...authChannels,
  ...handoverChannels,
  ...ioChannels,
  ...reportChannels,
  ...attachmentChannels,
  ...totalsChannels,
  ...countryChannels,
  ...sampleChannels,
  ...backupChannels,
  ...keyChannels,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = z.output<Contract[C]['output']>;
export const CHANNELS = Object.keys(contract) as Channel[];
export const isChannel = (name: string): name is Channel => Object.prototype.hasOwnProperty.call(contract, name);
/** The prefix under which every channel is exposed over ipc. */
export const IPC_PREFIX = 'tasleem:';
