import type Account from '#identity/models/account'

/** What of an account reaches its own pages and the API (never the hash). */
export const accountTransformer = {
  forOwner(account: Account) {
    return {
      id: account.id,
      displayName: account.displayName,
      email: account.email,
      mobile: account.mobile,
      locale: account.locale,
      createdAt: account.createdAt.toISO(),
      lastLoginAt: account.lastLoginAt?.toISO() ?? null,
    }
  },
}
