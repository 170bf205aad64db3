import { readdirSync, readFileSync } from 'node:fs';

// Whole-browser CPU (every Chromium process: renderer, GPU/SwiftShader, browser) from /proc,
// for the idle window: the main-thread figure alone would not see a compositor that spins.
// Per process, so only processes alive at both ends count (closed pages' processes exit).
export function browserCpuSeconds() {
  const ticks = 100;  // USER_HZ on Linux
  const stats = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = text.lastIndexOf(')');
      const comm = text.slice(text.indexOf('(') + 1, close);
      const fields = text.slice(close + 2).split(' ');
      stats.set(Number(pid), { comm, ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / ticks });
    } catch { /* exited */ }
  }
  const ours = new Set([process.pid]);
  const cpu = new Map();
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, s] of stats) {
      if (!ours.has(pid) && ours.has(s.ppid)) { ours.add(pid); grew = true; if (s.comm !== 'nginx') cpu.set(pid, s.cpu); }
    }
  }
  return cpu;
}

export function cpuSecondsBetween(before, after) {
  let total = 0;
  for (const [pid, seconds] of after) if (before.has(pid)) total += seconds - before.get(pid);
  return total;
}

// For a cold load, which starts processes of its own (the page's renderer): every process
// alive at the end counts, from zero when it started in between. Also split by Chromium's
// process type (renderer, gpu-process, browser, the network service, ...), so the GPU
// process' share (SwiftShader) shows apart from the page's own.
export function cpuSecondsSince(before, after = browserCpuSeconds()) {
  const byType = {};
  let total = 0;
  for (const [pid, seconds] of after) {
    const used = seconds - (before.get(pid) || 0);
    if (used <= 0) continue;
    total += used;
    const type = processType(pid);
    byType[type] = (byType[type] || 0) + used;
  }
  return { total, byType };
}

function processType(pid) {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const type = /--type=([\w-]+)/.exec(cmdline);
    if (!type) return 'browser';
    const sub = /--utility-sub-type=([\w.]+)/.exec(cmdline);
    return sub ? sub[1].split('.')[0] : type[1];
  } catch {
    return 'exited';
  }
}
