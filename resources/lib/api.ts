import { page } from '@inertiajs/svelte'

/**
 * Calls the JSON API from a page with the session's CSRF token, asking for
 * messages in the page's language whatever the browser's own setting.
 */
export async function callApi(url: string, init: RequestInit = {}) {
  const shared = page.props as unknown as { csrfToken?: string; locale?: string }
  const response = await fetch(url, {
    ...init,
    headers: {
      'accept': 'application/json',
      'x-csrf-token': shared.csrfToken ?? '',
      'accept-language': shared.locale ?? 'zh-CN',
      ...(init.headers ?? {}),
    },
  })
  return { ok: response.ok, status: response.status, body: await response.json().catch(() => ({})) }
}

/**
 * An API error answer (`{ errors: [{ field, message }] }`) as one message per
 * field the form shows; anything else goes to `form`, with `fallback` when
 * the answer says nothing.
 */
export function messagesByField(body: any, fields: readonly string[], fallback: string) {
  const found: Record<string, string> = {}
  for (const error of body?.errors ?? []) {
    found[fields.includes(error.field) ? error.field : 'form'] ??= error.message
  }
  return Object.keys(found).length ? found : { form: fallback }
}
