/** Latency statistics for the benches: exact percentiles over every sample. */
export function percentile(samples: ArrayLike<number>, p: number) {
  const sorted = Float64Array.from(samples).sort()
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]
}

export function median(values: number[]) {
  return percentile(values, 50)
}

export function round(value: number, digits = 3) {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

/** Runs each variant once per round, rotating the order so drift hits all alike */
export async function alternate<K extends string>(
  variants: readonly K[],
  rounds: number,
  run: (variant: K, index: number) => Promise<void>
) {
  for (let index = 0; index < rounds; index++) {
    for (let i = 0; i < variants.length; i++) {
      await run(variants[(index + i) % variants.length], index)
    }
  }
}
