import { recordAudit } from '#audit/audit_log'
import { accountActor } from '#audit/request_actor'
import { RuleViolation } from '#core/rule_violation'
import Account from '#identity/models/account'
import { insertUnique } from '#identity/unique_insert'

export interface SignUpInput {
  email?: string
  mobile?: string
  displayName: string
  password: string
}

/**
 * Creates an account, city-wide (one per person). The model hashes the
 * password with scrypt on save.
 */
export class SignUp {
  constructor(private readonly ip: string | null) {}

  async handle(input: SignUpInput, locale: string) {
    const account = await insertUnique(
      (client) =>
        Account.create(
          {
            email: input.email ?? null,
            mobile: input.mobile ?? null,
            displayName: input.displayName,
            password: input.password,
            locale: locale === 'en' ? 'en' : 'zh-CN',
          },
          { client }
        ),
      (constraint) =>
        constraint === 'accounts_mobile_key'
          ? new RuleViolation('mobile', 'identity.signup.mobile_taken')
          : new RuleViolation('email', 'identity.signup.email_taken')
    )
    await recordAudit(accountActor(account, this.ip), {
      action: 'account.signup',
      subjectType: 'account',
      subjectId: account.id,
      payload: { with: input.email ? 'email' : 'mobile' },
    })
    return account
  }
}
