import { pluginRegistry } from '#plugin_host/plugin_host'
import type { AlertRuleDefinition } from '#supervision/rules/define_rule'
import {
  identicalFiles,
  pricePattern,
  sameDevice,
  sameIp,
  tooFewBidders,
} from '#supervision/rules/bidding_rules'
import { lateChanges, shortPeriod } from '#supervision/rules/schedule_rules'
import {
  evaluationRedFlags,
  resultDeviations,
  winnerConcentration,
} from '#supervision/rules/result_rules'
import {
  complaintOverdue,
  expertRepetition,
  sealedDataAccess,
} from '#supervision/rules/integrity_rules'

/**
 * Every alert rule: the core's, then those the installed plugins declare in
 * their manifests (`alertRules`, loaded once, lazily). Codes are unique.
 */
export const CORE_RULES: AlertRuleDefinition<any>[] = [
  sameDevice,
  sameIp,
  identicalFiles,
  pricePattern,
  tooFewBidders,
  shortPeriod,
  lateChanges,
  winnerConcentration,
  expertRepetition,
  resultDeviations,
  evaluationRedFlags,
  sealedDataAccess,
  complaintOverdue,
]

let loaded: Promise<AlertRuleDefinition<any>[]> | undefined

export function collectRules(
  core: AlertRuleDefinition<any>[],
  fromPlugins: Array<{ pluginId: string; rules: AlertRuleDefinition<any>[] }>
) {
  const byCode = new Map<string, AlertRuleDefinition<any>>()
  for (const rule of core) byCode.set(rule.code, rule)
  for (const { pluginId, rules } of fromPlugins) {
    for (const rule of rules) {
      if (byCode.has(rule.code)) {
        throw new Error(`Plugin "${pluginId}": alert rule ${rule.code} is declared twice`)
      }
      byCode.set(rule.code, rule)
    }
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code))
}

export function alertRules(): Promise<AlertRuleDefinition<any>[]> {
  loaded ??= (async () => {
    const fromPlugins = []
    for (const manifest of pluginRegistry().all()) {
      if (!manifest.alertRules) continue
      const { default: rules } = await manifest.alertRules()
      fromPlugins.push({ pluginId: manifest.id, rules })
    }
    return collectRules(CORE_RULES, fromPlugins)
  })()
  return loaded
}

export async function findRule(code: string) {
  const rules = await alertRules()
  return rules.find((rule) => rule.code === code)
}
