import { createMongoAbility, type MongoAbility } from '@casl/ability'
import { page } from '@inertiajs/svelte'

/**
 * The server's CASL rules, rebuilt in the browser so a control the person
 * may not use is not shown. The server still refuses on its own.
 */
let cachedRules: unknown
let cachedAbility: MongoAbility | undefined

export function ability(): MongoAbility {
  const rules = (page.props as any).abilityRules ?? []
  if (rules !== cachedRules || !cachedAbility) {
    cachedRules = rules
    cachedAbility = createMongoAbility(rules)
  }
  return cachedAbility
}

export function can(action: string, subject: string | Record<string, any>): boolean {
  return ability().can(action, subject as any)
}
