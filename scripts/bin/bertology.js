#!/usr/bin/env node
// `npx bertology`: the root package.json depends on this folder ("bertology": "file:scripts/bin"), so
// `npm ci` links this file into node_modules/.bin. The root package itself declares no `bin` on
// purpose: when it does, `npx bertology` installs the project into npm's npx cache on every call
// (libnpmexec, after reading the whole node_modules tree), 0.55 s before the CLI starts; through
// node_modules/.bin it starts in about 0.4 s. The launcher is scripts/bertology.js.
import '../bertology.js';
