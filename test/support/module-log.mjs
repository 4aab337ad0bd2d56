// `node --import ./test/support/module-log.mjs …`: appends the URL of every ES module the process resolves to
// the file named by VIGIL_MODULE_LOG (test/cli/startup.test.ts checks what a command loads).
import { register } from 'node:module';

register('./module-log-hooks.mjs', import.meta.url, { data: { file: process.env.VIGIL_MODULE_LOG } });
