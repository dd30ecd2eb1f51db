import type { Channel } from '../api/contract';
import { appHandlers } from './app';
import { attachmentHandlers } from './attachments';
import { countryHandlers } from './countries';
import { sampleHandlers } from './samples';
import { authHandlers } from './auth';
import { backupHandlers } from './backup';
import { handoverHandlers } from './handovers';
import { ioHandlers } from './io';
import { keyHandlers } from './keys';
import { reportHandlers } from './report';
import { totalsHandlers } from './totals';
import type { Handler } from './types';

/** Every channel's implementation; the type makes a channel without a handler a compile error. */
export const handlers: { [C in Channel]: Handler<C> } = {
  ...appHandlers,
  ...authHandlers,
  ...handoverHandlers,
  ...ioHandlers,
  ...reportHandlers,
  ...attachmentHandlers,
  ...totalsHandlers,
  ...countryHandlers,
  ...sampleHandlers,
  ...backupHandlers,
  ...keyHandlers,
};
