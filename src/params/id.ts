import type { ParamMatcher } from '@sveltejs/kit';

/** A positive database id of at most 9 digits; anything else is a 404, never a 500. */
export const match: ParamMatcher = (param) => /^[1-9]\d{0,8}$/.test(param);
