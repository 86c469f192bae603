import { readFileSync } from 'node:fs';

/** CPU seconds (user + system) used so far by process `pid`, from /proc (Linux); NaN elsewhere. */
const processCpu = (pid: number | undefined): number => {
  if (pid === undefined) return Number.NaN;
  try {
    // Fields after the command name: state is field 3; utime and stime are fields 14 and 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
};

/** CPU seconds used so far by this process. */
const ownCpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Runs `task` and returns its result with the CPU seconds this process and `pid` spent meanwhile. */
export const withCpu = async <T>(pid: number | undefined, task: () => Promise<T>): Promise<{ result: T; own: number; other: number }> => {
  const [o0, p0] = [ownCpu(), processCpu(pid)];
  const result = await task();
  return { result, own: ownCpu() - o0, other: processCpu(pid) - p0 };
};
