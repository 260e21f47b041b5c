import { currentScopeOrFail, switchScope } from '#tenancy/tenant_context'
import { globalScope, tenantDirectory } from '#tenancy/tenant_directory'

/**
 * Runs a read of published disclosures in the global scope, whose policy
 * shows every published row without a row predicate: under a tenant or city
 * policy the keyword search could not use its GIN index (the full-text
 * operator is not leakproof). The request's scope is restored afterwards.
 */
export async function asPublicReader<T>(fn: () => Promise<T>): Promise<T> {
  const previous = currentScopeOrFail()
  if (previous.scope === 'global') return fn()
  await switchScope(globalScope(await tenantDirectory.root()))
  const result = await fn()
  await switchScope(previous)
  return result
}
