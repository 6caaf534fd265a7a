/** Shared settings of the command-line entry points, read from the environment with the README's defaults. */
export const PORT = Number(process.env.PORT || 3000);
export const HOST = process.env.HOST || '0.0.0.0';
/** SvelteKit's CSRF check compares form posts with this origin; adapter-node would otherwise assume https. */
export const ORIGIN = process.env.ORIGIN || `http://localhost:${PORT}`;
