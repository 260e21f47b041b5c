import type { HttpContext } from '@adonisjs/core/http'
import type Account from '#identity/models/account'
import type { AuditActor } from '#audit/audit_log'

/** An account as an audit actor, e.g. the account a sign-up has just created */
export function accountActor(account: Account, ip: string | null): AuditActor {
  return {
    accountId: account.id,
    label: `${account.displayName} <${account.email ?? account.mobile}>`,
    ip,
  }
}

/** The audit actor of a request: the logged-in account (or anonymous) and the IP */
export function requestActor(ctx: HttpContext): AuditActor {
  const account = ctx.auth?.user as Account | undefined
  const ip = ctx.request.ip()
  return account ? accountActor(account, ip) : { accountId: null, label: 'anonymous', ip }
}
