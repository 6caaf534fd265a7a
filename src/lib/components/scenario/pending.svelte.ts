import type { SubmitFunction } from '@sveltejs/kit';

/**
 * One form's submission state for `use:enhance`: `busy` while the request runs (for 保存中… and to stop
 * double submits). Edit forms keep what is typed after a save (`reset: false`): resetting would bring
 * back the values the page was first rendered with, not the ones just saved.
 */
export class FormPending {
	busy = $state(false);
	#reset: boolean;

	constructor(options: { reset?: boolean } = {}) {
		this.#reset = options.reset ?? false;
	}

	submit: SubmitFunction = ({ formElement }) => {
		this.busy = true;
		return async ({ result, update }) => {
			try {
				await update({ reset: this.#reset });
				// A file already uploaded must not be sent again with the next save.
				if (result.type === 'success') for (const input of formElement.querySelectorAll<HTMLInputElement>('input[type=file]')) input.value = '';
			} finally {
				this.busy = false;
			}
		};
	};
}
