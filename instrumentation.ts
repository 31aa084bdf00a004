/** Runs once when the server starts: open and migrate the database, seed the demo cloud if it is empty. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { boot } = await import('./server/boot');
  await boot();
}
