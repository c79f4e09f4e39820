// Loaded first into a process bench/demo.ts times (node --require): as the process exits, writes
// its CPU time (user + system, from its start) and peak resident memory to RAPPORT_PEAK_FILE, as JSON.
const { writeFileSync } = process.getBuiltinModule('node:fs');

const start = process.cpuUsage();
process.on('exit', () => {
  const { user, system } = process.cpuUsage(start);
  // maxRSS is in kilobytes.
  const usage = { cpuMs: (user + system) / 1000, peakMb: process.resourceUsage().maxRSS / 1024 };
  writeFileSync(process.env.RAPPORT_PEAK_FILE, JSON.stringify(usage));
});
