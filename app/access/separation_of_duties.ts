import type { StaffRole } from '#access/roles'

/**
 * Roles one account may not combine in one tenant. Each rule splits roles
 * into sides; a role on one side excludes every role on the other sides.
 *
 * - 管办分离 (ARCHITECTURE.md §3): the centre serves trades, the supervisor
 *   oversees them; centre admin and operator are one side and may combine.
 * - 专家库三端分离: maintaining the expert pool, drawing from it, and
 *   supervising the draw are three different people.
 *
 * The action checks this table to refuse with a clear message; the trigger
 * of migration 1764300000300 is generated from it, so the database refuses
 * exactly the same combinations (also under concurrent requests). Changing a
 * rule therefore needs a migration that recreates the trigger function.
 */
export const SEPARATION_RULES = {
  management_supervision: [['center_admin', 'center_operator'], ['supervisor']],
  expert_pool: [['expert_admin'], ['expert_drawer'], ['supervisor']],
} as const satisfies Record<string, ReadonlyArray<readonly StaffRole[]>>

export type SeparationRule = keyof typeof SEPARATION_RULES

export interface SeparationConflict {
  rule: SeparationRule
  /** The role already held that excludes the wanted one */
  held: StaffRole
}

/** The name the trigger raises its check_violation under */
export const SEPARATION_CONSTRAINT = 'staff_memberships_separation_of_duties'

const RULES = Object.entries(SEPARATION_RULES) as Array<
  [SeparationRule, ReadonlyArray<readonly StaffRole[]>]
>

/** The first rule `wanted` breaks next to the roles `held` in the same tenant */
export function separationConflict(
  held: readonly StaffRole[],
  wanted: StaffRole
): SeparationConflict | null {
  for (const [rule, sides] of RULES) {
    const side = sides.findIndex((roles) => roles.includes(wanted))
    if (side === -1) continue
    const clash = held.find((role) =>
      sides.some((roles, index) => index !== side && roles.includes(role))
    )
    if (clash) return { rule, held: clash }
  }
  return null
}

/** The rules as (rule, side, role) rows, for the trigger's SQL */
export function separationSides() {
  return RULES.flatMap(([rule, sides]) =>
    sides.flatMap((roles, side) => roles.map((role) => ({ rule, side, role })))
  )
}

/**
 * The trigger's refusal (raised with DETAIL '<rule> <held role>'), or null
 * for any other error.
 */
export function separationConflictOf(error: unknown): SeparationConflict | null {
  const pg = error as { code?: string; constraint?: string; detail?: string } | null
  if (pg?.code !== '23514' || pg.constraint !== SEPARATION_CONSTRAINT) return null
  const [rule, held] = (pg.detail ?? '').split(' ')
  if (!(rule in SEPARATION_RULES)) return null
  return { rule: rule as SeparationRule, held: held as StaffRole }
}
