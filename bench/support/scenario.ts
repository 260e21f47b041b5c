import type { ApplicationService } from '@adonisjs/core/types'

/**
 * A bench scenario (ARCHITECTURE.md: ratios against a baseline measured in
 * the same run). `node ace bench` runs every bench/*.ts that exports one.
 */
export interface BenchRow {
  metric: string
  baseline: number
  subject: number
  /** subject / baseline */
  ratio: number
  /** The goal as text, e.g. "≤ 1.10" */
  goal?: string
  met?: boolean
}

export interface BenchResult {
  rows: BenchRow[]
  /** Raw figures per variant, for the JSON report */
  details: Record<string, unknown>
}

export interface BenchContext {
  app: ApplicationService
  log: (message: string) => void
}

export interface Scenario {
  name: string
  description: string
  run(context: BenchContext): Promise<BenchResult>
}

export function defineScenario(scenario: Scenario) {
  return scenario
}
