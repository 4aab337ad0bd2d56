#!/usr/bin/env node
/**
 * The `vigil` executable of the installed package (compiled to dist/src/cli/vigil.js). In a clone,
 * src/cli/bin.js runs this same file from the sources through tsx.
 */

// Vigil pins its AWS SDK versions in package-lock.json; the SDK's notice about future Node versions is not
// actionable for a user of the CLI, so keep stderr for Vigil's own messages.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// `vigil rules | head`: the reader closed the pipe; stop quietly instead of printing a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
const { main } = await import('./main.js');
process.exitCode = await main(process.argv);
