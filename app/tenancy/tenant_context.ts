import { AsyncLocalStorage } from 'node:async_hooks'
import type { Database } from '@adonisjs/lucid/database'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Exception } from '@adonisjs/core/exceptions'
import { type Scope, scopeRole } from '#tenancy/scopes'

/**
 * The per-request (and per-job, per-command) tenant transaction of
 * ARCHITECTURE.md §2 and lucid-rls.md. While a context is active,
 * `db.connection()` returns its transaction, so models, query builders,
 * relations and preloads run inside it without being handed a client.
 */
export interface TenantScope {
  scope: Scope
  /**
   * Owning tenant id (the city's id for the city scope). Only the global
   * scope may leave it null: it then sees global tables and no tenant row.
   */
  tenantId: number | null
  /** The city (root) tenant id */
  rootTenantId: number | null
}

/** The global scope before the city is known: global tables only. */
export const UNBOUND_GLOBAL_SCOPE: TenantScope = {
  scope: 'global',
  tenantId: null,
  rootTenantId: null,
}

interface ContextStore {
  trx: TransactionClientContract
  connection: string
  scope: TenantScope
  afterCommit: Array<() => unknown>
  afterRollback: Array<() => unknown>
  rollbackOnly: boolean
}

const storage = new AsyncLocalStorage<ContextStore>()
let originalConnection: Database['connection'] | undefined
let primaryConnectionName = 'app'

export const SET_SCOPE_SQL = `select set_config('role', ?, true), set_config('app.tenant_id', ?, true)`

export class TenantTransactionFinishedException extends Exception {
  static status = 500
  static code = 'E_TENANT_TRX_FINISHED'
  static message = 'Tenant transaction already finished: work escaped its request or job'
}

export class NoTenantContextException extends Exception {
  static status = 500
  static code = 'E_NO_TENANT_CONTEXT'
  static message = 'No tenant context: run this inside withTenant()'
}

/**
 * Replaces `db.connection()` on the Lucid singleton. Everything in Lucid
 * (models, db.from, db.rawQuery, relations) resolves its client through it.
 */
export function installTenantConnectionResolver(db: Database) {
  if (originalConnection) return
  const original = db.connection.bind(db)
  originalConnection = original
  primaryConnectionName = db.primaryConnectionName
  db.connection = function (name?: string, options?: any) {
    const store = storage.getStore()
    if (store && (name ?? primaryConnectionName) === store.connection) {
      if (store.trx.isCompleted) throw new TenantTransactionFinishedException()
      return store.trx
    }
    return original(name, options)
  } as Database['connection']
}

function isId(value: number | null) {
  return value !== null && Number.isSafeInteger(value) && value > 0
}

export function assertScope(scope: TenantScope) {
  scopeRole(scope.scope)
  if (scope.scope === 'global' && scope.tenantId === null && scope.rootTenantId === null) return
  if (!isId(scope.tenantId)) throw new Error(`Invalid tenant id "${scope.tenantId}"`)
  if (!isId(scope.rootTenantId)) throw new Error(`Invalid root tenant id "${scope.rootTenantId}"`)
}

function tenantSetting(scope: TenantScope) {
  return scope.tenantId === null ? '' : String(scope.tenantId)
}

/**
 * Switches the scope role and the tenant of the current transaction, both in
 * one statement and both transaction-local (never a session-level SET).
 */
export async function switchScope(scope: TenantScope) {
  const store = storage.getStore()
  if (!store) throw new NoTenantContextException()
  assertScope(scope)
  await store.trx.rawQuery(SET_SCOPE_SQL, [scopeRole(scope.scope), tenantSetting(scope)])
  store.scope = scope
}

/**
 * Runs `fn` inside one transaction bound to `scope`. Commits when `fn`
 * returns (unless marked rollback-only), rolls back when it throws, and runs
 * the after-commit callbacks (queue pushes) only after a real COMMIT.
 */
export async function withTenant<T>(
  scope: TenantScope,
  fn: () => Promise<T>,
  options: { connection?: string } = {}
): Promise<T> {
  if (!originalConnection) throw new Error('Tenant connection resolver is not installed')
  assertScope(scope)
  const connection = options.connection ?? primaryConnectionName
  const client = originalConnection(connection)
  const trx = await client.transaction()
  const store: ContextStore = {
    trx,
    connection,
    scope,
    afterCommit: [],
    afterRollback: [],
    rollbackOnly: false,
  }
  try {
    await trx.rawQuery(SET_SCOPE_SQL, [scopeRole(scope.scope), tenantSetting(scope)])
    const result = await storage.run(store, fn)
    if (store.rollbackOnly) {
      await trx.rollback()
      for (const callback of store.afterRollback) await callback()
      return result
    }
    await commitOrThrow(trx)
    for (const callback of store.afterCommit) await callback()
    return result
  } catch (error) {
    if (!trx.isCompleted) await trx.rollback().catch(() => {})
    for (const callback of store.afterRollback) await callback()
    throw error
  }
}

/**
 * knex 3 resolves `commit()` even when COMMIT fails (knex#6141); the
 * transactor's execution promise is what rejects.
 */
export async function commitOrThrow(trx: TransactionClientContract) {
  await trx.commit()
  await (trx.knexClient as any).executionPromise
}

export function currentScope(): TenantScope | undefined {
  return storage.getStore()?.scope
}

export function currentScopeOrFail(): TenantScope {
  const scope = currentScope()
  if (!scope) throw new NoTenantContextException()
  return scope
}

export function inTenantContext() {
  return storage.getStore() !== undefined
}

/** Runs `callback` after the current context commits; dropped on rollback. */
export function afterCommit(callback: () => unknown) {
  const store = storage.getStore()
  if (!store) throw new NoTenantContextException()
  store.afterCommit.push(callback)
}

/**
 * Runs `callback` after the current context rolls back (outside it, so it
 * may open a transaction of its own); dropped on commit. Records what a
 * refused change must leave behind, e.g. the attempt itself.
 */
export function afterRollback(callback: () => unknown) {
  const store = storage.getStore()
  if (!store) throw new NoTenantContextException()
  store.afterRollback.push(callback)
}

/**
 * Called by the exception handler: the route pipeline turns a handler error
 * into a response inside `next()`, so the middleware would otherwise commit.
 */
export function markRollbackOnly() {
  const store = storage.getStore()
  if (store) store.rollbackOnly = true
}
