import type { HttpContext } from '@adonisjs/core/http'

/**
 * The market entity an account acts for right now, chosen on the account
 * page and kept in the session (so it follows the person across tenants).
 */
const SESSION_KEY = 'identity.currentEntityId'

type Session = HttpContext['session']

/** The chosen entity while the account is still its member, else its first one */
export function currentEntityId(session: Session, memberOf: number[]): number | null {
  const chosen = Number(session.get(SESSION_KEY))
  if (memberOf.includes(chosen)) return chosen
  return memberOf[0] ?? null
}

export function chooseCurrentEntity(session: Session, entityId: number) {
  session.put(SESSION_KEY, entityId)
}

/** A new login starts from the account's first entity */
export function forgetCurrentEntity(session: Session) {
  session.forget(SESSION_KEY)
}
