/**
 * The database roles of ARCHITECTURE.md §2. Roles are cluster-wide, so the
 * names are fixed; `platform:setup` creates them and migrations grant to them.
 *
 * - owner: owns every table and runs migrations; never serves a request.
 * - login: what the app connects as; no table grants of its own, member of
 *   the three scope roles, which it switches to inside each transaction.
 * - scope roles:
 *   - `tenant`: reads and writes the rows of one tenant (`tenant_id =`).
 *   - `city`: reads every row under its root (`root_tenant_id =`), writes its own.
 *   - `global`: no tenant rows at all; the global tables (accounts, entities…).
 */
export const SCOPE_ROLES = {
  tenant: 'ggzy_tenant',
  city: 'ggzy_city',
  global: 'ggzy_global',
} as const

export type Scope = keyof typeof SCOPE_ROLES

export const DEFAULT_OWNER_ROLE = 'ggzy_owner'
export const DEFAULT_LOGIN_ROLE = 'ggzy_app'

export function scopeRole(scope: Scope): string {
  // hasOwn: a scope read from a job payload could name an inherited key ('constructor')
  if (!Object.hasOwn(SCOPE_ROLES, scope)) throw new Error(`Unknown tenant scope "${scope}"`)
  return SCOPE_ROLES[scope]
}
