import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

zxcvbnOptions.setOptions({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });

/** zxcvbn's score (0–4), the same estimate the service enforces; loaded on demand, its dictionaries are large. */
export const passphraseScore = (passphrase: string, context: string[]) => zxcvbn(passphrase, context).score;
