import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Runs inserts in a savepoint of the request transaction. The unique index
 * is the one check for "already registered" (it also settles two requests
 * racing for one code): its violation undoes only the savepoint and becomes
 * the caller's field error, instead of aborting the whole transaction and
 * surfacing as a conflict.
 */
export async function insertUnique<T>(
  work: (client: TransactionClientContract) => Promise<T>,
  onDuplicate: (constraint: string) => Error
): Promise<T> {
  try {
    // Inside the request's transaction, a nested transaction is a savepoint
    return await db.connection().transaction(work)
  } catch (error) {
    const pgError = error as { code?: string; constraint?: string }
    if (pgError.code === '23505') throw onDuplicate(pgError.constraint ?? '')
    throw error
  }
}
