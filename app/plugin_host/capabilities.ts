import type { EvaluationCommitteeCapability } from '#plugin_host/contracts/evaluation_committee'
import type { CreditGateCapability } from '#plugin_host/contracts/credit_gate'
import { pluginRegistry } from '#plugin_host/plugin_host'

/**
 * Capabilities are the only way one plugin, or the core, reaches another
 * plugin (ARCHITECTURE.md §5). The contract of each lives in
 * `#plugin_host/contracts`; a plugin provides one by naming, in its manifest,
 * a module whose default export implements it.
 */
export interface Capabilities {
  'evaluation-committee': EvaluationCommitteeCapability
  'credit-gate': CreditGateCapability
}

export type CapabilityName = keyof Capabilities

export const CAPABILITY_NAMES: readonly CapabilityName[] = ['evaluation-committee', 'credit-gate']

export type CapabilityProviders = {
  [Name in CapabilityName]?: () => Promise<{ default: Capabilities[Name] }>
}

const loaded = new Map<CapabilityName, unknown>()

/** The implementation from the installed plugin that provides it, if any */
export async function capability<Name extends CapabilityName>(
  name: Name
): Promise<Capabilities[Name] | undefined> {
  if (loaded.has(name)) return loaded.get(name) as Capabilities[Name]
  const provider = pluginRegistry()
    .all()
    .find((manifest) => manifest.provides?.[name])
  const module = provider ? await provider.provides![name]!() : undefined
  const implementation = module?.default
  loaded.set(name, implementation)
  return implementation
}

/** For a consumer that declared it: the registry has checked a provider is installed */
export async function requireCapability<Name extends CapabilityName>(
  name: Name
): Promise<Capabilities[Name]> {
  const implementation = await capability(name)
  if (!implementation) throw new Error(`No installed plugin provides the capability "${name}"`)
  return implementation
}
