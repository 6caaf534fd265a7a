// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			/** Reference shown to the user for unexpected errors, matching the server log line. */
			id?: string;
		}
		interface Locals {
			user: import('$lib/server/auth/session').SessionUser | null;
			session: import('$lib/server/auth/session').SessionInfo | null;
		}
		interface PageState {
			/** A quiz attempt whose questions the start page shows in place (shallow routing to /quiz/attempt/:id). */
			quizAttempt?: number;
		}
	}
}

export {};
