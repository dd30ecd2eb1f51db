import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './', // relative URLs so the same build loads from file:// in the desktop app
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    // Every flag the list can show is in the stylesheet itself: a flag above Vite's inline size (KG, KZ, XK …) used
    // to be a separate file fetched when its row appeared, and painted late or not at all. The square (1x1) set is
    // not used and stays out as files that are never requested.
    assetsInlineLimit: (file) => (/flag-icons[\\/]flags[\\/]4x3[\\/]/.test(file) ? true : undefined),
  },
});
