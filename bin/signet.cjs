#!/usr/bin/env node
'use strict';
// The `signet` command: runs the built CLI bundle (npm run build makes it).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('signet: the app is not built yet. Run "npm run build" in the repository first.\n');
  process.exit(1);
}
require(cli).main();
