import path from 'node:path'

/**
 * ARCHITECTURE.md §5: a plugin imports core modules through their public
 * exports and never another plugin; core never imports a plugin. Relative
 * paths are resolved against the importing file; `#plugins/<id>/…` style
 * aliases are read by their first segment.
 */
const PLUGIN_DIR = /(?:^|\/)plugins\/([^/]+)\//

function pluginOf(filePath) {
  const match = filePath.replaceAll('\\', '/').match(PLUGIN_DIR)
  return match ? match[1] : null
}

function importedPlugin(source, filename) {
  if (source.startsWith('.')) {
    return pluginOf(path.resolve(path.dirname(filename), source) + '/')
  }
  const alias = source.match(/^#plugins\/([^/]+)/)
  return alias ? alias[1] : null
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps plugins apart from each other and from the core' },
    messages: {
      otherPlugin:
        'Plugin "{{own}}" must not import plugin "{{other}}"; reach it through a declared capability.',
      coreImportsPlugin: 'Core code must not import plugin "{{other}}".',
    },
    schema: [],
  },
  create(context) {
    const filename = context.filename ?? context.getFilename()
    const own = pluginOf(path.relative(context.cwd ?? process.cwd(), filename))
    const check = (node) => {
      const source = node.source?.value
      if (typeof source !== 'string') return
      const other = importedPlugin(source, filename)
      if (!other) return
      if (own === null) {
        context.report({ node: node.source, messageId: 'coreImportsPlugin', data: { other } })
      } else if (other !== own) {
        context.report({ node: node.source, messageId: 'otherPlugin', data: { own, other } })
      }
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    }
  },
}

export default { rules: { 'plugin-boundaries': rule } }
