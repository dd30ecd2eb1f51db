import type { ErrorCode } from '../api/result';
import type { Translate } from './strings';

export interface Versions {
  app: string;
  electron: string;
  chrome: string;
  node: string;
}

/** The About box: version, the runtime it is built on, and where the licences are. */
export const aboutDialog = (t: Translate, v: Versions) => ({
  title: t('desktop.about.title'),
  message: t('desktop.about.message', { version: v.app }),
  detail: t('desktop.about.detail', { electron: v.electron, chrome: v.chrome, node: v.node }),
  buttons: [t('desktop.about.ok'), t('desktop.about.licences')],
});

/**
 * The dialog shown when the app cannot start: the translated reason when it is one users can act on (a newer
 * database, a read-only folder, a full disk), a generic one otherwise, and always where the log file is.
 */
export function startupFailureDialog(t: Translate, code: ErrorCode | undefined, logFile: string) {
  const reason = code ? t(`errors.${code}`) : t('errors.INTERNAL');
  return {
    title: t('desktop.startup.title'),
    message: t('desktop.startup.title'),
    detail: `${reason}\n\n${t('desktop.startup.log', { path: logFile })}`,
    buttons: [t('desktop.startup.quit'), t('desktop.startup.showLog')],
  };
}

/** An error while running (not at start): the app goes on, the log says what happened. */
export const runtimeFailureDialog = (t: Translate, logFile: string) => ({
  title: t('desktop.failure.title'),
  message: t('desktop.failure.message'),
  detail: t('desktop.startup.log', { path: logFile }),
  buttons: [t('desktop.failure.ok'), t('desktop.startup.showLog')],
});
