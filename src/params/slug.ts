import type { ParamMatcher } from '@sveltejs/kit';

/** A catalog slug such as work-safety-law. */
export const match: ParamMatcher = (param) => /^[a-z0-9][a-z0-9-]{0,63}$/.test(param);
