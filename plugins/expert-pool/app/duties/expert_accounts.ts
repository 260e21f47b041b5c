import db from '@adonisjs/lucid/services/db'
import { UNBOUND_GLOBAL_SCOPE, withTenant } from '#tenancy/tenant_context'

/** How long a loaded set answers before the next check reloads it */
const MAX_AGE_MS = 15_000

let accountIds = new Set<number>()
let loadedAt = 0
let loading: Promise<void> | null = null

/**
 * Accounts linked to an expert record (`experts.account_id`, a global table),
 * which see the expert's own menu entries. Ability contributors are
 * synchronous (app/access/ability.ts), so this set is kept in memory and
 * reloaded in the background once older than MAX_AGE_MS; linking an account
 * reloads it at once. A stale answer only shows or hides a menu entry a few
 * seconds late: the invitation and evaluation pages and their actions check
 * the account themselves.
 */
export const expertAccounts = {
  has(accountId: number): boolean {
    if (Date.now() - loadedAt > MAX_AGE_MS) void expertAccounts.reload().catch(() => {})
    return accountIds.has(accountId)
  },

  /**
   * One query for the whole set, in a transaction of its own (never the
   * request's, which may end first); concurrent callers share it.
   */
  reload(): Promise<void> {
    loading ??= withTenant(UNBOUND_GLOBAL_SCOPE, () =>
      db.from('experts').whereNotNull('account_id').select('account_id')
    )
      .then((rows) => {
        accountIds = new Set(rows.map((row) => Number(row.account_id)))
        loadedAt = Date.now()
      })
      .finally(() => {
        loading = null
      })
    return loading
  },
}
