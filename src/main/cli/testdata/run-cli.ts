/**
 * Child process of the CLI limit tests: runs `signet` exactly as the bin does, and on exit
 * writes its peak resident memory (bytes) to the file named by SIGNET_TEST_PEAK_RSS_FILE.
 * Usage: node --import tsx run-cli.ts <signet arguments>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { main } from '../index';

/**
 * VmHWM of this process image. Not resourceUsage().maxRSS: Linux carries that across
 * fork and exec, so it would report the test runner's own peak.
 */
function peakRssBytes(): number {
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return Number(kib) * 1024;
}

const peakFile = process.env.SIGNET_TEST_PEAK_RSS_FILE;
if (peakFile) process.on('exit', () => writeFileSync(peakFile, String(peakRssBytes())));
main();
