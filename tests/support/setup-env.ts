import { TEST_PASSPHRASE } from './keys';

// Every CLI or browser-mode process a test starts inherits the passphrase of the test databases (tests/support/keys.ts).
process.env.TASLEEM_DB_KEY = TEST_PASSPHRASE;
