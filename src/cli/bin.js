#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npx vigil` works right after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

// Vigil pins its AWS SDK versions in package-lock.json; the SDK's notice about future Node versions is not
// actionable for a user of the CLI, so keep stderr for Vigil's own messages.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// `vigil rules | head`: the reader closed the pipe; stop quietly instead of printing a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);
