/** Latency summary in milliseconds. */
export interface Summary {
  readonly count: number;
  readonly errors: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
};

export const summarise = (latencies: readonly number[], errors: number, ms: number): Summary => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: latencies.length,
    errors,
    seconds: ms / 1000,
    perSecond: latencies.length / (ms / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
};

export const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : String(n));

/** Prints a verdict line and remembers misses for the exit code. */
export class Verdicts {
  private readonly lines: string[] = [];
  private missed = 0;

  check(label: string, ok: boolean, detail: string): void {
    if (!ok) this.missed++;
    const line = `${ok ? 'OK  ' : 'MISS'} ${label}: ${detail}`;
    this.lines.push(line);
    process.stdout.write(`${line}\n`);
  }

  get misses(): number {
    return this.missed;
  }

  report(): string {
    return this.lines.join('\n');
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const log = (msg: string): void => void process.stdout.write(`${msg}\n`);
