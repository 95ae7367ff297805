// Stylesheets are bundled by esbuild (into app.css).
declare module '*.css';

// The schema's types are declared in src/bundle/sdk next to Node-side code that uses Buffer.
// The browser only imports those types (esbuild drops type-only imports, and
// test/console/web-layers.test.ts checks the bundle's inputs), but tsc checks the whole file.
declare const Buffer: any;
