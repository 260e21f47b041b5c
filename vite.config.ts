import { defineConfig } from 'vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import adonisjs from '@adonisjs/vite/client'

export default defineConfig({
  plugins: [
    svelte(),
    adonisjs({
      entryPoints: ['resources/app.ts'],
      reload: ['resources/views/**/*.edge'],
    }),
  ],
  // Tests run against the dev server without a file watcher: an edit made
  // while a suite runs must not reload the pages under test
  server: process.env.NODE_ENV === 'test' ? { watch: null } : {},
  resolve: {
    alias: { '~/': `${import.meta.dirname}/resources/` },
  },
})
