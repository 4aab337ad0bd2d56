// Runs before every test file. Vigil pins its AWS SDK versions; the SDK's notice about future Node
// versions is noise in test output (the CLI silences it the same way in src/cli/bin.js).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
