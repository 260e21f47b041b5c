import { createMongoAbility, type MongoAbility, type RawRuleOf } from '@casl/ability'
import { page } from '@inertiajs/svelte'

/**
 * The server's CASL rules, rebuilt in the browser so a control the person
 * may not use is not shown. The server still refuses on its own.
 */
let cached: { rules: unknown; ability: MongoAbility } | undefined

export function ability(): MongoAbility {
  const rules = ((page.props as any).abilityRules ?? []) as RawRuleOf<MongoAbility>[]
  if (!cached || cached.rules !== rules) {
    cached = { rules, ability: createMongoAbility<MongoAbility>(rules) }
  }
  return cached.ability
}

export function can(action: string, subject: string | Record<string, any>): boolean {
  return ability().can(action, subject as any)
}
