import { DateTime } from 'luxon'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import Account from '#identity/models/account'

/**
 * Disabling an account stops its logins and ends its sessions: the silent
 * auth middleware logs a disabled account out on its next request. Repeating
 * either action changes nothing and records nothing.
 */
async function setStatus(actor: AuditActor, accountId: number, status: Account['status']) {
  const account = await Account.findOrFail(accountId)
  if (account.status === status) return account
  account.merge({ status, disabledAt: status === 'disabled' ? DateTime.now() : null })
  await account.save()
  await recordAudit(actor, {
    action: status === 'disabled' ? 'account.disable' : 'account.enable',
    subjectType: 'account',
    subjectId: account.id,
  })
  return account
}

export class DisableAccount {
  constructor(private readonly actor: AuditActor) {}

  handle(accountId: number) {
    return setStatus(this.actor, accountId, 'disabled')
  }
}

export class EnableAccount {
  constructor(private readonly actor: AuditActor) {}

  handle(accountId: number) {
    return setStatus(this.actor, accountId, 'active')
  }
}
