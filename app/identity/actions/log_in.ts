import { DateTime } from 'luxon'
import { errors as authErrors } from '@adonisjs/auth'
import type { HttpContext } from '@adonisjs/core/http'
import { recordAudit } from '#audit/audit_log'
import { accountActor } from '#audit/request_actor'
import { RuleViolation } from '#core/rule_violation'
import Account from '#identity/models/account'
import { loginThrottle } from '#start/limiter'

/** Too many failures for this account from this IP: 429 with when to retry */
export class LoginThrottled extends RuleViolation {
  constructor(private readonly retryAfterSeconds: number) {
    super('uid', 'errors.too_many_requests', { minutes: Math.ceil(retryAfterSeconds / 60) }, 429)
  }

  async handle(error: this, ctx: HttpContext) {
    ctx.response.header('retry-after', String(this.retryAfterSeconds))
    return super.handle(error, ctx)
  }
}

/**
 * Checks an account's credentials. Unknown account, wrong password and a
 * disabled account all get the same answer (no enumeration; the unknown
 * account still costs a hash). Failures count per account and IP.
 */
export class LogIn {
  constructor(private readonly ip: string) {}

  async handle(uid: string, password: string) {
    const [throttled, account] = await loginThrottle().penalize(`login:${uid}:${this.ip}`, () =>
      this.verify(uid, password)
    )
    if (throttled) throw new LoginThrottled(throttled.response.availableIn)

    account.lastLoginAt = DateTime.now()
    await account.save()
    await recordAudit(accountActor(account, this.ip), {
      action: 'account.login',
      subjectType: 'account',
      subjectId: account.id,
    })
    return account
  }

  private async verify(uid: string, password: string) {
    try {
      const account = await Account.verifyCredentials(uid, password)
      if (!account.isDisabled) return account
    } catch (error) {
      if (!(error instanceof authErrors.E_INVALID_CREDENTIALS)) throw error
    }
    throw new RuleViolation('uid', 'identity.login.failed')
  }
}
