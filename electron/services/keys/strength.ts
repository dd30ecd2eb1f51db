import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

let ready = false;
/** zxcvbn's score (0–4) with its common-password and keyboard-pattern dictionaries; `context` words count as guessable. */
export function passphraseScore(passphrase: string, context: string[] = []): number {
  if (!ready) {
    zxcvbnOptions.setOptions({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });
    ready = true;
  }
  return zxcvbn(passphrase, context).score;
}
