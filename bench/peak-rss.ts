import fs from 'node:fs';

/** Preloaded (`node --require`) into a measured command: prints its peak resident set size when it exits. */
process.on('exit', () => {
  fs.writeSync(2, `PEAK_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
