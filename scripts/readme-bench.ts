/**
 * Splices bench/results.md (written by `npm run bench`) into README.md between the markers
 * `<!-- bench:start -->` and `<!-- bench:end -->`, so the README shows the latest measured table.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';
const readmeUrl = new URL('../README.md', import.meta.url);
const readme = readFileSync(readmeUrl, 'utf8');
const results = readFileSync(new URL('../bench/results.md', import.meta.url), 'utf8').trim();
const from = readme.indexOf(START);
const to = readme.indexOf(END);
if (from < 0 || to < from) throw new Error(`README.md has no ${START} … ${END} section to fill.`);
writeFileSync(readmeUrl, `${readme.slice(0, from + START.length)}\n\n${results}\n\n${readme.slice(to)}`);
console.log('README.md: performance table updated from bench/results.md');
