import { resolve } from 'node:path';
import { checkConfigFile, DEFAULT_CONFIG } from './commands/config';

// `npm run config:check [file]`
process.exitCode = checkConfigFile(resolve(process.argv[2] ?? DEFAULT_CONFIG));
