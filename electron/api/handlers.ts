import { schemaVersion } from '../../db/open';
import { createHandover, getHandover, listHandovers, suggestReference, updateHandover } from '../services/handovers';
import { getSettings, setSettings } from '../services/settings';
import type { AppContext, Caller } from '../services/context';
import type { Channel, OutputOf, ParsedInputOf } from './contract';

export type Handler<C extends Channel> = (ctx: AppContext, caller: Caller, input: ParsedInputOf<C>) => OutputOf<C> | Promise<OutputOf<C>>;
export type Handlers = { [C in Channel]: Handler<C> };

/** The implementation of every channel; each transport (ipc, HTTP, CLI) reaches it through dispatch(). */
export const handlers: Handlers = {
  'app:info': (ctx) => ({ name: 'Tasleem', version: process.env.npm_package_version ?? APP_VERSION, schemaVersion: schemaVersion(ctx.db), mode: ctx.mode, dataDir: ctx.dataDir }),
  'handovers:create': (ctx, caller, { data }) => createHandover(ctx, caller, data),
  'handovers:get': (ctx, _caller, { id }) => getHandover(ctx, id),
  'handovers:update': (ctx, caller, { id, expectedRevision, data }) => updateHandover(ctx, caller, id, expectedRevision, data),
  'handovers:list': (ctx, _caller, q) => listHandovers(ctx, q),
  'handovers:suggestReference': (ctx, _caller, { year }) => ({ referenceNo: suggestReference(ctx, year) }),
  'settings:get': (ctx) => getSettings(ctx),
  'settings:set': (ctx, caller, { patch }) => setSettings(ctx, caller, patch),
};

const APP_VERSION = '0.1.0';
