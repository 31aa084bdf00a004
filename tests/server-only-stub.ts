// Stands in for the `server-only` guard under Vitest, which runs everything on the server side.
export {};
