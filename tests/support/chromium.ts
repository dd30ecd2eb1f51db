import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../electron/services/pdf/chromium';

// The lookup lives with the app's PDF printer; tests reuse it so both find the same browser.
export { CHROMIUM_ARGS, chromiumPath };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}
