import { config } from 'zod/v4/core';

// zod probes once whether it may compile its parsers with `new Function`; under our Content-Security-Policy
// (no 'unsafe-eval') the probe is refused and reported as a CSP violation, even though zod catches it. The
// browser only checks small forms, so it does without that speed-up. The server keeps it.
config({ jitless: true });
