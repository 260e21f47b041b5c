import type { HttpContext } from '@adonisjs/core/http'
import type Account from '#identity/models/account'
import type { AuditActor } from '#audit/audit_log'

/** The audit actor of a request: the logged-in account (or anonymous) and the IP */
export function requestActor(ctx: HttpContext): AuditActor {
  const account = ctx.auth?.user as Account | undefined
  return {
    accountId: account?.id ?? null,
    label: account ? `${account.displayName} <${account.email ?? account.mobile}>` : 'anonymous',
    ip: ctx.request.ip(),
  }
}
