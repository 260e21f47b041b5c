/**
 * Regular price differences (条例 Art. 40(4), domain.md §7.2 W04), as pure
 * functions over the prices read out at opening:
 * - identical prices from different bidders (Cardinal R028);
 * - prices in arithmetic progression: every step within `stepTolerancePct`
 *   of the mean step;
 * - price fencing (价格围堵): every price within `fencePct` of the mean.
 */
export type PricePattern =
  | { pattern: 'identical'; price: number; count: number }
  | { pattern: 'arithmetic'; step: number; maxDeviationPct: number }
  | { pattern: 'fence'; mean: number; maxDeviationPct: number }

export interface PricePatternThresholds {
  minBids: number
  stepTolerancePct: number
  fencePct: number
}

const round = (value: number, digits = 4) => Number(value.toFixed(digits))

export function pricePatterns(prices: number[], limits: PricePatternThresholds): PricePattern[] {
  const found: PricePattern[] = []
  const counts = new Map<number, number>()
  for (const price of prices) counts.set(price, (counts.get(price) ?? 0) + 1)
  for (const [price, count] of counts) {
    if (count >= 2) found.push({ pattern: 'identical', price, count })
  }
  if (prices.length < limits.minBids) return found

  const sorted = [...prices].sort((a, b) => a - b)
  const steps = sorted.slice(1).map((price, i) => price - sorted[i])
  const meanStep = steps.reduce((sum, step) => sum + step, 0) / steps.length
  if (meanStep > 0 && steps.every((step) => step > 0)) {
    const deviation = Math.max(...steps.map((step) => Math.abs(step - meanStep) / meanStep)) * 100
    if (deviation <= limits.stepTolerancePct) {
      found.push({
        pattern: 'arithmetic',
        step: round(meanStep, 2),
        maxDeviationPct: round(deviation),
      })
    }
  }

  const mean = prices.reduce((sum, price) => sum + price, 0) / prices.length
  const spread = Math.max(...prices.map((price) => Math.abs(price - mean) / mean)) * 100
  if (spread <= limits.fencePct) {
    found.push({ pattern: 'fence', mean: round(mean, 2), maxDeviationPct: round(spread) })
  }
  return found
}
