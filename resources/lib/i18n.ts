import { IntlMessageFormat } from 'intl-messageformat'
import { page } from '@inertiajs/svelte'

/**
 * Every string a person sees comes from resources/lang/<locale>/ui.json (and
 * plugins' ui files), shared with each page by the server.
 */
const cache = new Map<string, IntlMessageFormat>()

export function translate(
  messages: Record<string, string>,
  locale: string,
  key: string,
  values?: Record<string, unknown>
): string {
  const source = messages[key]
  if (source === undefined) return key
  const cacheKey = `${locale}:${key}`
  let format = cache.get(cacheKey)
  if (!format) {
    format = new IntlMessageFormat(source, locale)
    cache.set(cacheKey, format)
  }
  return String(format.format(values as any))
}

/** `t('nav.home')` inside components, reading the current page's props */
export function t(key: string, values?: Record<string, unknown>): string {
  const props = page.props as unknown as { messages: Record<string, string>; locale: string }
  return translate(props.messages ?? {}, props.locale ?? 'zh-CN', key, values)
}
